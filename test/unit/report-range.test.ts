import { describe, expect, it } from 'vitest';
import { parseRange } from '~/lib/server/reports';

const q = (s: string) => new URLSearchParams(s);

describe("instructor report ranges are the reader's calendar days", () => {
  it('without a zone, a range runs from midnight UTC on its first day to the last millisecond of its last', () => {
    const r = parseRange(q('from=2026-02-01&to=2026-02-28'), null);
    expect(r).toEqual({ from: Date.UTC(2026, 1, 1), to: Date.UTC(2026, 2, 1) - 1, fromIso: '2026-02-01', toIso: '2026-02-28' });
  });

  it('in Los Angeles, "to 28 February" runs until midnight there: 8 AM on 1 March in UTC (PST, UTC-8)', () => {
    const r = parseRange(q('from=2026-02-01&to=2026-02-28'), 'America/Los_Angeles');
    expect(r.from).toBe(Date.UTC(2026, 1, 1, 8));
    expect(r.to).toBe(Date.UTC(2026, 2, 1, 8) - 1);
    // A certificate issued at 7 PM on 28 February in Los Angeles (3 AM on 1 March in UTC) is inside.
    const evening = Date.UTC(2026, 2, 1, 3);
    expect(evening >= r.from && evening <= r.to).toBe(true);
    expect(evening <= parseRange(q('from=2026-02-01&to=2026-02-28'), null).to).toBe(false);
  });

  it('a range across the start of daylight saving time ends at the later offset (PDT, UTC-7)', () => {
    const r = parseRange(q('from=2026-03-01&to=2026-03-08'), 'America/Los_Angeles');
    expect(r.from).toBe(Date.UTC(2026, 2, 1, 8));
    expect(r.to).toBe(Date.UTC(2026, 2, 9, 7) - 1);
  });

  it("defaults to the 365 days ending on the reader's today", () => {
    // 2026-03-01 03:00 UTC is still 28 February in Los Angeles.
    const now = Date.UTC(2026, 2, 1, 3);
    expect(parseRange(q(''), 'America/Los_Angeles', now)).toMatchObject({ fromIso: '2025-03-01', toIso: '2026-02-28' });
    expect(parseRange(q(''), null, now)).toMatchObject({ fromIso: '2025-03-02', toIso: '2026-03-01' });
  });

  it('falls back on bad dates, and a reversed range becomes its last day', () => {
    const now = Date.UTC(2026, 5, 15, 12);
    expect(parseRange(q('from=yesterday&to=2026-13-45'), null, now)).toMatchObject({ fromIso: '2025-06-16', toIso: '2026-06-15' });
    // Days that do not exist (Date.parse would roll them into March) and days before 1900 fall back too.
    expect(parseRange(q('from=2025-02-30&to=2026-02-31'), null, now)).toMatchObject({ fromIso: '2025-06-16', toIso: '2026-06-15' });
    expect(parseRange(q('from=0000-01-01&to=1899-12-31'), 'America/Los_Angeles', now)).toMatchObject({ fromIso: '2025-06-16', toIso: '2026-06-15' });
    // A leap day is a real day.
    expect(parseRange(q('from=2024-02-29&to=2024-02-29'), null, now)).toEqual({ from: Date.UTC(2024, 1, 29), to: Date.UTC(2024, 2, 1) - 1, fromIso: '2024-02-29', toIso: '2024-02-29' });
    expect(parseRange(q('from=2026-05-10&to=2026-05-01'), 'America/Chicago', now)).toEqual({
      // Chicago in May is CDT (UTC-5).
      from: Date.UTC(2026, 4, 1, 5),
      to: Date.UTC(2026, 4, 2, 5) - 1,
      fromIso: '2026-05-01',
      toIso: '2026-05-01',
    });
  });
});
