/**
 * Mail settings: SMTP_URL (send through that server) or, without it, .eml files under
 * DATA_DIR/outbox/; MAIL_FROM is the From address.
 */
import { dirname, resolve } from 'node:path';
import { fileTransport, smtpTransport, type MailTransport } from './transport';

export const DEFAULT_MAIL_FROM = 'Dental CE Club <no-reply@localhost>';

export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
}

export function mailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const dataDir = env.DATA_DIR || dirname(env.DATABASE_PATH || 'db/data/app.sqlite');
  return { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM || DEFAULT_MAIL_FROM, outboxDir: resolve(dataDir, 'outbox') };
}

export function transportFor(config: MailConfig): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.outboxDir);
}
