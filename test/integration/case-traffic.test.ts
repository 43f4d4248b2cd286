import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, freshDb, type TestDb } from '../fixtures/db';
import { simulationDecisions, simulationRuns } from '../../db/schema';
import { stepTraffic } from '~/lib/server/reports';

describe('step traffic for the case diagram', () => {
  let t: TestDb;
  const day = 86_400_000;
  const t0 = Date.UTC(2026, 0, 10);

  /** One run with its decisions at the given nodes, in order. */
  function run(userId: number, startedAt: number, nodes: string[], outcome: string | null) {
    const r = t.db
      .insert(simulationRuns)
      .values({ userId, scenario: 'case', state: {}, startedAt, finishedAt: outcome ? startedAt + 1000 : null, outcome })
      .returning()
      .get();
    nodes.forEach((node, seq) => t.db.insert(simulationDecisions).values({ runId: r.id, seq, node, points: 0 }).run());
  }

  beforeAll(() => {
    t = freshDb();
    const a = addUser(t.db, 'a@x.test', 'A').id;
    const b = addUser(t.db, 'b@x.test', 'B').id;
    run(a, t0, ['greet', 'ask', 'ask', 'ask'], 'angry'); // three tries at one step count as one visit
    run(b, t0 + day, ['greet', 'ask'], 'fixed');
    run(b, t0 + 2 * day, ['greet'], null); // still playing: a move but no ending
    run(a, t0 + 40 * day, ['greet', 'ask'], 'fixed'); // outside the range
  });
  afterAll(() => t.close());

  it('counts each run once per move and ends finished runs at their last step', () => {
    const { moves, endings } = stepTraffic(t.db, 'case', { from: t0, to: t0 + 10 * day });
    expect(moves).toEqual([{ from: 'greet', to: 'ask', count: 2 }]);
    const sorted = [...endings].sort((x, y) => x.outcome.localeCompare(y.outcome));
    expect(sorted).toEqual([
      { from: 'ask', outcome: 'angry', count: 1 },
      { from: 'ask', outcome: 'fixed', count: 1 },
    ]);
  });
});
