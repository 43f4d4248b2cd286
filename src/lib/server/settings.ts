/**
 * The app's settings: the only reader of `process.env` in src/ (scripts' entry points read it too,
 * through this module where they can). Every variable is parsed here with zod, so a bad value stops
 * the start with a message naming the variable instead of surfacing later as a strange failure.
 *
 * To add a variable: one entry in `schema` below (with its default), one line in `.env.example` and
 * one row in the README's "Environment variables" table; `test/unit/settings.test.ts` checks that
 * the three agree. An empty value counts as unset, so `PORT=` in a service file means the default.
 */
import { z } from 'zod';

const text = () => z.string().trim().min(1);
/** `0` or `1`, for switches. */
const flag = () =>
  z
    .enum(['0', '1'], { errorMap: () => ({ message: 'must be 0 or 1' }) })
    .default('0')
    .transform((v) => v === '1');
/** A whole number within bounds, written in decimal digits. */
const whole = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(String(fallback));
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((h) => h.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(1, 'must name at least one value'));

export const settingsSchema = z.object({
  HOST: text().default('localhost'),
  PORT: whole(1, 65535, 4321),
  DATABASE_PATH: text().default('db/data/app.sqlite'),
  /** Uploaded files live under DATA_DIR/uploads; default: the database's folder. */
  DATA_DIR: text().optional(),
  MIGRATIONS_DIR: text().optional(),
  ADMIN_EMAIL: text()
    .toLowerCase()
    .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address, like admin@example.org')
    .default('admin@localhost'),
  ADMIN_PASSWORD: z.string().optional(),
  ALLOWED_HOSTS: list('localhost,127.0.0.1'),
  /**
   * How many reverse proxies you control stand in front of the server. 0: forwarding headers are
   * dropped. N: the client is the address N entries from the right of X-Forwarded-For.
   */
  TRUST_PROXY: whole(0, 10, 0),
  INSECURE_COOKIES: flag(),
  PUBLIC_URL: z
    .string()
    .trim()
    .url('must be a full address, like https://ce.example.org')
    .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  CONTENT_DIR: text().default('content'),
  PDF_FONT_PATH: text().optional(),
  PDF_BOLD_FONT_PATH: text().optional(),
  PDF_FALLBACK_FONT_PATH: text().optional(),
  /**
   * Send mail through this SMTP server (smtp:// or smtps://, user and password in the URL). Unset:
   * every message is written as an .eml file under DATA_DIR/outbox/ with one log line.
   */
  SMTP_URL: z
    .string()
    .trim()
    .url('must be an address like smtps://user:password@smtp.example.org:465')
    .refine((u) => /^smtps?:\/\//i.test(u), 'must start with smtp:// or smtps://')
    .optional(),
  /** The From of every email, e.g. `Example Dental CE <ce@example.org>`. */
  MAIL_FROM: text().default('Dental CE Club <no-reply@localhost>'),
    /** `npm start` skips its build step (tests and benches that built already). */
  SKIP_BUILD: flag(),
});

export type Settings = z.infer<typeof settingsSchema>;
/** The variable names, in the order the README and `.env.example` list them. */
export const settingNames = Object.keys(settingsSchema.shape) as (keyof Settings)[];

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Parses an environment (process.env, or a test's object); throws a SettingsError naming every bad variable. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const relevant: Record<string, string> = {};
  for (const name of settingNames) {
    const value = env[name];
    // Empty means unset: `PORT=` in a service file falls back to the default.
    if (value !== undefined && value.trim() !== '') relevant[name] = value;
  }
  const parsed = settingsSchema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const got = relevant[name];
    const shown = name.includes('PASSWORD') || got === undefined ? '' : ` (got "${got}")`;
    return `  ${name} ${issue.message}${shown}`;
  });
  throw new SettingsError(`Invalid environment variable${lines.length === 1 ? '' : 's'}:\n${lines.join('\n')}\nSee "Environment variables" in README.md.`);
}

/** The settings of this process, read once at start. */
export const settings: Settings = parseSettings(process.env);
