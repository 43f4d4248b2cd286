import { describe, expect, it } from 'vitest';
import { formatHours, formatHoursValue, formatMinutes } from '~/lib/shared/hours';

describe('formatHours', () => {
  it('short: the fewest digits', () => {
    expect([0, 25, 50, 100, 150, 200, 1000, 1005, 1234].map((c) => formatHours(c))).toEqual(['0', '0.25', '0.5', '1', '1.5', '2', '10', '10.05', '12.34']);
  });
  it('certificate: at least one decimal', () => {
    expect([0, 25, 100, 150, 200, 1000, 125].map((c) => formatHours(c, 'certificate'))).toEqual(['0.0', '0.25', '1.0', '1.5', '2.0', '10.0', '1.25']);
  });
  it('column: always two decimals', () => {
    expect([0, 5, 150, 200, 1234].map((c) => formatHours(c, 'column'))).toEqual(['0.00', '0.05', '1.50', '2.00', '12.34']);
  });
  it('reads hours given as a number without float drift', () => {
    expect(formatHoursValue(0.1 + 0.2)).toBe('0.3');
    expect(formatHoursValue(2, 'certificate')).toBe('2.0');
    expect(formatHoursValue(0.7 * 3, 'column')).toBe('2.10');
  });
});

describe('formatMinutes', () => {
  it('says "1 minute" for one and "minutes" for more, rounding to whole minutes and never below one', () => {
    expect(formatMinutes(1)).toBe('1 minute');
    expect(formatMinutes(0.4)).toBe('1 minute');
    expect(formatMinutes(1.4)).toBe('1 minute');
    expect(formatMinutes(1.5)).toBe('2 minutes');
    expect(formatMinutes(20)).toBe('20 minutes');
  });
});
