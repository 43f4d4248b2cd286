/**
 * The outbox and sender against a real SMTP server (smtp-server, started here on a free port):
 * delivery, a refused connection retried after the back-off, and a sender killed between the
 * commit and the send, recovered by the next sender with exactly one delivery.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createNetServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import { freshDb, type TestDb } from '../fixtures/db';
import { auditLog, mailAttempts, mailOutbox } from '../../db/schema';
import { setClock, resetClock } from '~/lib/shared/clock';
import { enqueueMail } from '~/lib/server/mail/outbox';
import { deliverDue } from '~/lib/server/mail/sender';
import { smtpTransport } from '~/lib/server/mail/transport';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on `port` (0 = any); resolves with the port it listens on. */
async function startSmtp(received: Received[], port = 0, opts: { hang?: (onConnect: () => void) => void } = {}) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      // A hanging server never greets: the client waits, as if the process died before sending.
      if (opts.hang) opts.hang(() => callback());
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const FROM = 'Dental CE Club <ce@example.test>';
const T = Date.UTC(2026, 10, 29, 9, 0, 0);
const MIN = 60_000;

let t: TestDb;
beforeAll(() => {
  t = freshDb();
});
afterAll(() => t.close());
afterEach(() => resetClock());

const rowOf = (key: string) => t.db.select().from(mailOutbox).where(eq(mailOutbox.key, key)).get()!;
const attempts = (id: number) => t.db.select().from(mailAttempts).where(eq(mailAttempts.outboxId, id)).orderBy(mailAttempts.id).all();

describe('sending through a real SMTP server', () => {
  it('delivers a queued message once, with both parts and a Message-ID from its key, and records the attempt', async () => {
    const received: Received[] = [];
    const smtp = await startSmtp(received);
    try {
      setClock(T);
      t.db.transaction((tx) => {
        expect(enqueueMail(tx, { key: 'welcome:1', kind: 'test', to: 'ana@example.test', subject: 'Hello Ana', text: 'Plain words', html: '<p>Rich words</p>' })).toBe(true);
        // The same event queued again is ignored: one message per key.
        expect(enqueueMail(tx, { key: 'welcome:1', kind: 'test', to: 'ana@example.test', subject: 'Hello again', text: 'x', html: 'x' })).toBe(false);
      });
      const report = await deliverDue(t.db, smtpTransport(`smtp://127.0.0.1:${smtp.port}`), FROM);
      expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual(['ana@example.test']);
      expect(received[0]!.raw).toContain('Subject: Hello Ana');
      expect(received[0]!.raw).toContain('Message-ID: <welcome.1@example.test>');
      expect(received[0]!.raw).toContain('Content-Type: text/plain');
      expect(received[0]!.raw).toContain('Content-Type: text/html');
      const row = rowOf('welcome:1');
      expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: T });
      expect(attempts(row.id)).toMatchObject([{ ok: true, error: null, startedAt: T, finishedAt: T }]);
      // Nothing is due any more: a second pass sends nothing.
      expect(await deliverDue(t.db, smtpTransport(`smtp://127.0.0.1:${smtp.port}`), FROM)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('a refused connection is recorded and retried after a minute, when the server is back', async () => {
    const port = await freePort();
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    setClock(T);
    t.db.transaction((tx) => enqueueMail(tx, { key: 'refused:1', kind: 'test', to: 'ben@example.test', subject: 'Retry me', text: 'a', html: 'b' }));
    expect(await deliverDue(t.db, transport, FROM)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const failed = rowOf('refused:1');
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: T + MIN });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);

    const received: Received[] = [];
    const smtp = await startSmtp(received, port);
    try {
      // Not yet due 59 s later; due at one minute.
      setClock(T + MIN - 1000);
      expect(await deliverDue(t.db, transport, FROM)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      setClock(T + MIN);
      expect(await deliverDue(t.db, transport, FROM)).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(received.map((r) => r.to)).toEqual([['ben@example.test']]);
      const row = rowOf('refused:1');
      expect(row).toMatchObject({ status: 'sent', attempts: 2 });
      const tries = attempts(row.id);
      expect(tries.map((a) => a.ok)).toEqual([false, true]);
      expect(tries[0]!.error).toMatch(/ECONNREFUSED/);
    } finally {
      await smtp.close();
    }
  });

  it('a sender killed between commit and send loses nothing, and the next sender delivers exactly once', async () => {
    let connected!: () => void;
    const childConnected = new Promise<void>((r) => (connected = r));
    const hanging = await startSmtp([], 0, { hang: () => connected() });
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/mail-child.ts', t.path, String(hanging.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = once(child, 'exit');
    try {
      // The child committed the event and its message, claimed it and opened the connection: kill it now.
      await Promise.race([childConnected, exited.then(() => Promise.reject(new Error(`child exited early: ${out}`)))]);
      child.kill('SIGKILL');
      const [, signal] = await exited;
      expect(signal).toBe('SIGKILL');
    } finally {
      await hanging.close();
    }
    expect(out).toContain('committed');
    expect(out).not.toContain('finished');
    expect(t.db.select().from(auditLog).where(eq(auditLog.subject, 'crash-test')).all()).toHaveLength(1);
    const stuck = rowOf('crash-test:1');
    expect(stuck).toMatchObject({ status: 'sending', attempts: 1 });
    expect(attempts(stuck.id)).toMatchObject([{ ok: null, finishedAt: null }]);

    const received: Received[] = [];
    const smtp = await startSmtp(received);
    try {
      const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`);
      // While the dead sender's lease holds, nobody else sends it; after five minutes the next sender does.
      setClock(stuck.leaseUntil! - 1);
      expect(await deliverDue(t.db, transport, FROM)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      setClock(stuck.leaseUntil!);
      expect(await deliverDue(t.db, transport, FROM)).toEqual({ sent: 1, retrying: 0, failed: 0 });
      setClock(stuck.leaseUntil! + 60 * MIN);
      expect(await deliverDue(t.db, transport, FROM)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(received.filter((r) => r.raw.includes('Subject: Crash test'))).toHaveLength(1);
      expect(rowOf('crash-test:1')).toMatchObject({ status: 'sent', attempts: 2 });
      expect(attempts(stuck.id).map((a) => a.ok)).toEqual([null, true]);
    } finally {
      await smtp.close();
    }
  });
});
