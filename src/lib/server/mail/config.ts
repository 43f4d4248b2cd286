/**
 * Mail settings (SMTP_URL, MAIL_FROM, DATA_DIR from settings.ts): SMTP through SMTP_URL or, without
 * it, .eml files under DATA_DIR/outbox/.
 */
import { dirname, resolve } from 'node:path';
import { settings, type Settings } from '../settings';
import { fileTransport, smtpTransport, type MailTransport } from './transport';

export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
}

export function mailConfig(s: Pick<Settings, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR' | 'DATABASE_PATH'> = settings): MailConfig {
  return { smtpUrl: s.SMTP_URL, from: s.MAIL_FROM, outboxDir: resolve(s.DATA_DIR || dirname(s.DATABASE_PATH), 'outbox') };
}

export function transportFor(config: MailConfig): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.outboxDir);
}
