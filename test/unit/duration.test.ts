import { describe, expect, it } from 'vitest';
import { parseDuration } from '~/lib/domain/duration';

describe('parseDuration (the evaluation asks how long the course took)', () => {
  it('reads minutes, hours, and hours with minutes as people write them', () => {
    expect(parseDuration('150')).toBe(150);
    expect(parseDuration('90 min')).toBe(90);
    expect(parseDuration('2 hours')).toBe(120);
    expect(parseDuration('2 Hours')).toBe(120);
    expect(parseDuration('2h')).toBe(120);
    expect(parseDuration('1.5 hours')).toBe(90);
    expect(parseDuration('1,5 hours')).toBe(90);
    expect(parseDuration('2h 30m')).toBe(150);
    expect(parseDuration('2 hours and 30 minutes')).toBe(150);
    expect(parseDuration('2 hrs 5 mins')).toBe(125);
    expect(parseDuration('2:30')).toBe(150);
    expect(parseDuration('0:45')).toBe(45);
  });

  it('refuses what is not a length of time', () => {
    for (const bad of ['', 'two hours', '2 days', 'about 2', '30m 2h', '2h 2h', '2:75', '2 hours 30', 'h']) expect(parseDuration(bad), bad).toBeNull();
  });
});
