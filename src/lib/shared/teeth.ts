/**
 * Permanent dentition in the Universal (US) system, 1-32: #1 is the upper right third molar, the
 * count runs along the upper arch to #16 (upper left third molar), drops to #17 (lower left third
 * molar) and ends at #32 (lower right third molar). FDI: quadrant digit then 1-8 from the midline.
 */
export type Arch = 'upper' | 'lower';
export type Side = 'right' | 'left';

export interface Tooth {
  universal: number;
  fdi: number;
  arch: Arch;
  /** The patient's side. */
  side: Side;
  /** 1 = central incisor ... 8 = third molar, counted from the midline. */
  position: number;
  name: string;
}

const NAMES = ['central incisor', 'lateral incisor', 'canine', 'first premolar', 'second premolar', 'first molar', 'second molar', 'third molar'];

/** Universal number -> arch, side and position from the midline. */
export function tooth(universal: number): Tooth {
  if (!Number.isInteger(universal) || universal < 1 || universal > 32) {
    throw new RangeError(`Universal tooth numbers run from 1 to 32, not ${universal}`);
  }
  let arch: Arch, side: Side, position: number, quadrant: number;
  if (universal <= 8) [arch, side, position, quadrant] = ['upper', 'right', 9 - universal, 1];
  else if (universal <= 16) [arch, side, position, quadrant] = ['upper', 'left', universal - 8, 2];
  else if (universal <= 24) [arch, side, position, quadrant] = ['lower', 'left', 25 - universal, 3];
  else [arch, side, position, quadrant] = ['lower', 'right', universal - 24, 4];
  return {
    universal,
    fdi: quadrant * 10 + position,
    arch,
    side,
    position,
    name: `${arch} ${side} ${NAMES[position - 1]}`,
  };
}

export function universalToFdi(universal: number): number {
  return tooth(universal).fdi;
}

export function fdiToUniversal(fdi: number): number {
  const quadrant = Math.floor(fdi / 10);
  const position = fdi % 10;
  if (quadrant < 1 || quadrant > 4 || position < 1 || position > 8) {
    throw new RangeError(`${fdi} is not an FDI number of a permanent tooth`);
  }
  if (quadrant === 1) return 9 - position;
  if (quadrant === 2) return 8 + position;
  if (quadrant === 3) return 25 - position;
  return 24 + position;
}

export const ALL_TEETH: Tooth[] = Array.from({ length: 32 }, (_, i) => tooth(i + 1));
