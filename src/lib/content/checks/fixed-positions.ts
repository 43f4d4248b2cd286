/**
 * Content check: a case cannot be passed by always taking the same position (first, second, …,
 * last) at every choice step. The server redraws a run's option orders until no fixed position
 * passes (domain/simulation/run-order.ts); this refuses a case so lenient that, for some of the
 * sample runs below, every draw still lets one position pass, naming how many.
 */
import { fixedPositionPasses, MAX_DRAWS } from '~/lib/domain/simulation/run-order';
import type { ContentTree } from '~/lib/content/reader';

/** Run ids sampled at build time (the unit test plays 200 through the learner's view). */
export const SAMPLE_RUNS = 100;

export function checkFixedPositions(tree: ContentTree): string[] {
  const errors: string[] = [];
  for (const sim of tree.simulations) {
    const maxScore = sim.analysis.maxScore;
    let unprotected = 0;
    for (let run = 1; run <= SAMPLE_RUNS; run++) {
      let draw = 0;
      while (draw < MAX_DRAWS && fixedPositionPasses(sim.data, run, draw, maxScore)) draw++;
      if (draw === MAX_DRAWS) unprotected++;
    }
    if (unprotected > 0) {
      errors.push(
        `${sim.file}: options: always taking one position passes ${unprotected} of ${SAMPLE_RUNS} sample runs however the options are ordered; make passing need the best option at more steps (fewer points for partly right options, or a trust or quality gate before the good endings)`,
      );
    }
  }
  return errors;
}
