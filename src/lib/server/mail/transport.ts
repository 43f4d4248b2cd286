/**
 * How a message leaves the building. With SMTP_URL set, nodemailer speaks SMTP to that server;
 * without it, each message is written as an .eml file under DATA_DIR/outbox/ and one log line
 * names it, so `npm start` works with no mail server and a developer can open every message.
 * Both build the same MIME message with nodemailer.
 */
import nodemailer from 'nodemailer';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logEvent } from '../log';

export interface Envelope {
  /** The outbox row id (file names) and its idempotency key (Message-ID). */
  id: number;
  key: string;
  kind: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  readonly name: 'smtp' | 'file';
  /** Resolves once the message was accepted (by the SMTP server, or written); rejects otherwise. */
  send(mail: Envelope): Promise<void>;
  close(): void;
}

/** A stable Message-ID per outbox key: a receiver that sees the same message twice can tell. */
export function messageId(mail: Pick<Envelope, 'key' | 'from'>): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mail.from)?.[1] ?? 'localhost';
  return `<${mail.key.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '.')}@${domain}>`;
}

function options(mail: Envelope) {
  return { from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, messageId: messageId(mail) };
}

export function smtpTransport(url: string): MailTransport {
  // One connection per message (no pool): mail here is rare, and a fresh connection recovers by itself.
  const transporter = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as never);
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail(options(mail));
    },
    close: () => transporter.close(),
  };
}

export function fileTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'file',
    async send(mail) {
      const info = (await composer.sendMail(options(mail))) as unknown as { message: Buffer };
      mkdirSync(dir, { recursive: true });
      // The outbox id names the file, so a retry rewrites the same file instead of adding a second.
      const path = join(dir, `${String(mail.id).padStart(6, '0')}-${mail.kind}.eml`);
      writeFileSync(`${path}.tmp`, info.message);
      renameSync(`${path}.tmp`, path);
      logEvent('info', 'mail.written', { path, to: mail.to, subject: mail.subject });
    },
    close: () => composer.close(),
  };
}
