import { getEntry } from 'astro:content';
import type { Scenario } from '../shared/schemas/simulation';
import { analyzeScenarioCached } from '../domain/simulation/graph';

/** A scenario with its maximum score (computed once per process). Server only: it holds every key. */
// getEntry returns a fresh copy on every call, so the WeakMap caches of the analysis never hit:
// keep one scenario object per id for the life of the process (production only).
const cache = new Map<string, Promise<{ id: string; scenario: Scenario; maxScore: number } | undefined>>();
export function getScenario(id: string): Promise<{ id: string; scenario: Scenario; maxScore: number } | undefined> {
  if (import.meta.env.DEV) return load(id);
  let hit = cache.get(id);
  if (!hit) cache.set(id, (hit = load(id)));
  return hit;
}
async function load(id: string): Promise<{ id: string; scenario: Scenario; maxScore: number } | undefined> {
  if (!/^[a-z0-9-]{1,80}$/.test(id)) return undefined;
  const entry = await getEntry('simulations', id);
  if (!entry) return undefined;
  const scenario = entry.data as Scenario;
  const analysis = analyzeScenarioCached(id, scenario);
  if (!analysis.ok) throw new Error(`Scenario ${id} is invalid: ${analysis.errors.join('; ')}`);
  return { id, scenario, maxScore: analysis.maxScore };
}
