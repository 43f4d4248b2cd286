import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { certificatePdf, clearPdfCache } from '~/lib/server/pdf-cache';
import { RULES } from '~/lib/server/rate-limit';
import { resetClock, setClock } from '~/lib/shared/clock';

const t: TestDb = freshDb();
afterAll(() => {
  resetClock();
  t.close();
});
// A fixed time in the middle of a 10-minute window, so the count never straddles two windows.
beforeEach(() => {
  clearPdfCache();
  setClock(Date.UTC(2027, 0, 4, 9, 5));
});

/** A stand-in renderer that counts its calls; the real one costs up to a second each. */
function counting() {
  const calls = { n: 0 };
  const render = async () => {
    calls.n++;
    return new Uint8Array([0x25, 0x50, 0x44, 0x46, calls.n]);
  };
  return { calls, render };
}

describe('certificate PDF cache (16.4)', () => {
  it('renders a certificate once and serves the same bytes after', async () => {
    const user = addUser(t.db, 'pdf-once@example.test', 'Pdf Once');
    const { calls, render } = counting();
    const first = await certificatePdf(t.db, 'AAAABBBBCCCCD', user.id, render);
    const second = await certificatePdf(t.db, 'AAAABBBBCCCCD', user.id, render);
    expect(calls.n).toBe(1);
    expect(first).toMatchObject({ ok: true, rendered: true });
    expect(second).toMatchObject({ ok: true, rendered: false });
    if (first.ok && second.ok) expect([...second.pdf]).toEqual([...first.pdf]);
  });

  it('limits renders per user to 20 in 10 minutes, but still serves what is cached', async () => {
    expect(RULES.pdfUser).toEqual({ limit: 20, windowMs: 10 * 60_000 });
    const user = addUser(t.db, 'pdf-many@example.test', 'Pdf Many');
    const other = addUser(t.db, 'pdf-other@example.test', 'Pdf Other');
    const { calls, render } = counting();
    for (let i = 0; i < 20; i++) expect((await certificatePdf(t.db, `CODE${i}`, user.id, render)).ok).toBe(true);
    const refused = await certificatePdf(t.db, 'CODE-NEW', user.id, render);
    expect(refused).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(calls.n).toBe(20);
    // Already rendered: no cost, so no limit.
    expect(await certificatePdf(t.db, 'CODE3', user.id, render)).toMatchObject({ ok: true, rendered: false });
    // Someone else is not held back by this user's downloads.
    expect(await certificatePdf(t.db, 'CODE-NEW', other.id, render)).toMatchObject({ ok: true, rendered: true });
  });
});
