import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings, settingNames, SettingsError } from '~/lib/server/settings';

function names(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!).sort();
}

describe('settings', () => {
  it('gives the documented defaults for an empty environment', () => {
    const s = parseSettings({});
    expect(s.HOST).toBe('localhost');
    expect(s.PORT).toBe(4321);
    expect(s.DATABASE_PATH).toBe('db/data/app.sqlite');
    expect(s.ALLOWED_HOSTS).toEqual(['localhost', '127.0.0.1']);
    expect(s.TRUST_PROXY).toBe(0);
    expect(s.INSECURE_COOKIES).toBe(false);
    expect(s.PUBLIC_URL).toBeUndefined();
    expect(s.ADMIN_EMAIL).toBe('admin@localhost');
  });

  it('parses values and treats empty ones as unset', () => {
    const s = parseSettings({ PORT: '8080', PUBLIC_URL: 'https://ce.example.org/', ALLOWED_HOSTS: ' ce.example.org , www.ce.example.org ', TRUST_PROXY: '2', HOST: '', INSECURE_COOKIES: '1', ADMIN_EMAIL: ' Owner@Example.ORG ' });
    expect(s.PORT).toBe(8080);
    expect(s.PUBLIC_URL).toBe('https://ce.example.org');
    expect(s.ALLOWED_HOSTS).toEqual(['ce.example.org', 'www.ce.example.org']);
    expect(s.TRUST_PROXY).toBe(2);
    expect(s.HOST).toBe('localhost');
    expect(s.INSECURE_COOKIES).toBe(true);
    expect(s.ADMIN_EMAIL).toBe('owner@example.org');
  });

  it('refuses bad values with a message naming each variable, and never echoes a password', () => {
    let error: unknown;
    try {
      parseSettings({ PORT: '80a', TRUST_PROXY: 'yes', PUBLIC_URL: 'ftp://x.test', ADMIN_PASSWORD: 'sekrit', INSECURE_COOKIES: 'true' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).toContain('PORT must be a whole number from 1 to 65535 (got "80a")');
    expect(message).toContain('TRUST_PROXY must be a whole number from 0 to 10 (got "yes")');
    expect(message).toContain('PUBLIC_URL must start with http:// or https://');
    expect(message).toContain('INSECURE_COOKIES must be 0 or 1 (got "true")');
    expect(message).not.toContain('sekrit');
    expect(() => parseSettings({ PORT: '70000' })).toThrow('PORT must be at most 65535');
  });

  it('.env.example lists exactly the settings', () => {
    const listed = names(readFileSync('.env.example', 'utf8'), /^#?\s*([A-Z][A-Z0-9_]+)=/gm);
    expect(listed).toEqual([...settingNames].sort());
  });

  it("the README's environment table lists exactly the settings", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Environment variables'), readme.indexOf('\n## ', readme.indexOf('## Environment variables') + 5));
    const firstCells = section.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split('|')[1]!);
    expect(names(firstCells.join(' '), /`([A-Z][A-Z0-9_]+)`/g)).toEqual([...settingNames].sort());
  });

  it('is the only reader of process.env in src/', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx|astro|mjs|js)$/.test(entry) && path !== join('src', 'lib', 'server', 'settings.ts') && readFileSync(path, 'utf8').includes('process.env')) offenders.push(path);
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });

  it('npm start stops before building when a value is bad, naming the variable', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, PORT: 'eighty', SKIP_BUILD: '1' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT must be a whole number from 1 to 65535 (got "eighty")');
  });
});
