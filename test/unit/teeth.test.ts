import { describe, expect, it } from 'vitest';
import { ALL_TEETH, fdiToUniversal, tooth, universalToFdi } from '~/lib/shared/teeth';

describe('tooth numbering', () => {
  // Hand-checked against DOMAIN.md section 3: #1 upper right third molar, #10 upper left lateral
  // incisor = FDI 22, #8 = 11, #9 = 21, #17 lower left third molar, #24/#25 lower centrals.
  it.each([
    [1, 18, 'upper right third molar'],
    [8, 11, 'upper right central incisor'],
    [9, 21, 'upper left central incisor'],
    [10, 22, 'upper left lateral incisor'],
    [11, 23, 'upper left canine'],
    [16, 28, 'upper left third molar'],
    [17, 38, 'lower left third molar'],
    [24, 31, 'lower left central incisor'],
    [25, 41, 'lower right central incisor'],
    [32, 48, 'lower right third molar'],
  ])('#%i is FDI %i, the %s', (universal, fdi, name) => {
    expect(tooth(universal)).toMatchObject({ fdi, name });
    expect(fdiToUniversal(fdi)).toBe(universal);
  });

  it('maps all 32 teeth one-to-one and back', () => {
    const fdis = new Set(ALL_TEETH.map((t) => t.fdi));
    expect(fdis.size).toBe(32);
    for (let u = 1; u <= 32; u++) expect(fdiToUniversal(universalToFdi(u))).toBe(u);
  });

  it('refuses numbers outside the permanent dentition', () => {
    expect(() => tooth(0)).toThrow(RangeError);
    expect(() => tooth(33)).toThrow(RangeError);
    expect(() => fdiToUniversal(52)).toThrow(RangeError);
    expect(() => fdiToUniversal(19)).toThrow(RangeError);
  });
});
