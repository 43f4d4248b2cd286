import { describe, expect, it } from 'vitest';
import { wrapLabel } from '~/lib/domain/chart-text';

describe('chart labels', () => {
  it('keeps a short label on one line', () => {
    expect(wrapLabel('Enrolled', 20)).toEqual(['Enrolled']);
  });

  it('breaks a long label at spaces into two lines', () => {
    expect(wrapLabel('Patient leaves angry and calls the board', 24)).toEqual(['Patient leaves angry and', 'calls the board']);
  });

  it('ends in an ellipsis when two lines are not enough, never wider than the line', () => {
    const lines = wrapLabel('She hung up, and the account went to collections three weeks later', 20);
    expect(lines).toEqual(['She hung up, and the', 'account went to col…']);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(20);
  });

  it('cuts a single word longer than a line', () => {
    expect(wrapLabel('Supercalifragilisticexpialidocious', 10, 1)).toEqual(['Supercali…']);
  });
});
