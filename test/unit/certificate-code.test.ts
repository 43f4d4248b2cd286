import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CODE_ALPHABET,
  CODE_BASE,
  CODE_DATA_LENGTH,
  CODE_ENTROPY_BITS,
  CODE_LENGTH,
  checkSymbol,
  displayCode,
  ECHO_LIMIT,
  formatCode,
  generateCode,
  isValidCode,
  normalizeCode,
  type RandomBytes,
} from '~/lib/domain/certificate-code';

/** Deterministic xorshift32 byte source, so a failing sample can be replayed. */
function seededBytes(seed: number): RandomBytes {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

/** Hands out the given bytes in order, then fails the test if asked for more. */
function scriptedBytes(bytes: number[]): RandomBytes {
  let pos = 0;
  return (n) => {
    if (pos >= bytes.length) throw new Error('scripted bytes ran out');
    const out = Uint8Array.from(bytes.slice(pos, pos + n));
    pos += n;
    return out;
  };
}

const FORMAT = /^[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]{4}-[2-9A-HJ-NP-TV-Z]$/;

describe('alphabet, length and entropy', () => {
  it('uses 31 distinct readable symbols with no 0, O, 1 or I (and no U)', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CODE_ALPHABET).size).toBe(31);
    for (const banned of ['0', 'O', '1', 'I', 'U']) expect(CODE_ALPHABET).not.toContain(banned);
    expect(CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it('has at least 50 bits of entropy: 12 symbols of 31 values', () => {
    // log2(31) = ln 31 / ln 2 = 3.43399 / 0.69315 = 4.95420; × 12 = 59.450 bits.
    expect(CODE_DATA_LENGTH).toBe(12);
    expect(CODE_BASE).toBe(31);
    expect(CODE_ENTROPY_BITS).toBeCloseTo(59.45, 2);
    expect(CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(50);
    // The same claim without logarithms: 31^12 = 787,662,783,788,549,761 > 2^50 = 1,125,899,906,842,624.
    expect(BigInt(CODE_BASE) ** BigInt(CODE_DATA_LENGTH)).toBe(787_662_783_788_549_761n);
    expect(BigInt(CODE_BASE) ** BigInt(CODE_DATA_LENGTH) > 2n ** 50n).toBe(true);
  });

  it('generates 13 symbols that print as XXXX-XXXX-XXXX-C', () => {
    const raw = generateCode();
    expect(raw).toHaveLength(CODE_LENGTH);
    expect(raw).toMatch(/^[2-9A-HJ-NP-TV-Z]{13}$/);
    expect(formatCode(raw)).toMatch(FORMAT);
  });
});

describe('check symbol', () => {
  it('matches a hand-computed example', () => {
    // Data 23456789ABCD has values 0..11 with weights 13..2:
    // Σ (13−i)·i for i = 0..11 = 13·66 − 506 = 352; 352 mod 31 = 11; check = (31 − 11) mod 31 = 20 → "N".
    expect(checkSymbol('23456789ABCD')).toBe('N');
    expect(isValidCode('23456789ABCDN')).toBe(true);
    expect(formatCode('23456789ABCDN')).toBe('2345-6789-ABCD-N');
    expect(isValidCode('23456789ABCDP')).toBe(false);
  });

  it('catches every single-symbol substitution and every adjacent transposition over 600 random codes', () => {
    const random = seededBytes(20260314);
    let substitutions = 0;
    let transpositions = 0;
    for (let n = 0; n < 600; n++) {
      const code = generateCode(random);
      expect(isValidCode(code)).toBe(true);
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (const sym of CODE_ALPHABET) {
          if (sym === code[i]) continue;
          const changed = code.slice(0, i) + sym + code.slice(i + 1);
          if (isValidCode(changed)) throw new Error(`substitution not caught: ${code} -> ${changed}`);
          substitutions++;
        }
      }
      for (let i = 0; i < CODE_LENGTH - 1; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (isValidCode(swapped)) throw new Error(`transposition not caught: ${code} -> ${swapped}`);
        transpositions++;
      }
    }
    // 600 codes × 13 positions × 30 other symbols.
    expect(substitutions).toBe(600 * 13 * 30);
    expect(transpositions).toBeGreaterThan(600 * 11);
  });

  it('catches every substitution and transposition exhaustively around one code, including in the check position', () => {
    // Every pair of symbols at the last data position and the check position, to cover all (a, b) differences.
    const base = '23456789ABCD';
    for (const a of CODE_ALPHABET) {
      const data = base.slice(0, 11) + a;
      const code = data + checkSymbol(data);
      for (const b of CODE_ALPHABET) {
        if (b === a) continue;
        expect(isValidCode(base.slice(0, 11) + b + code[12])).toBe(false);
      }
      if (a !== code[12]) expect(isValidCode(base.slice(0, 11) + code[12] + a)).toBe(false);
    }
  });
});

describe('generation', () => {
  it('throws bytes at or above 248 away so symbols stay uniform', () => {
    // 248..255 are rejected; 0 → "2", 31 → "2", 30 → "Z", 247 → 247 mod 31 = 30 → "Z".
    const bytes = [255, 248, 0, 31, 30, 247, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const code = generateCode(scriptedBytes(bytes));
    expect(code.slice(0, 12)).toBe('22ZZ3456789A');
    expect(isValidCode(code)).toBe(true);
  });

  it('refuses a source that never yields usable bytes', () => {
    expect(() => generateCode((n) => new Uint8Array(n).fill(255))).toThrow(/random source/);
  });

  it('makes 10,000 codes that are all valid and all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const code = generateCode();
      expect(isValidCode(code)).toBe(true);
      seen.add(code);
    }
    expect(seen.size).toBe(10_000);
  });

  it('spreads symbols evenly (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const random = seededBytes(7);
    const n = 4000;
    for (let i = 0; i < n; i++) for (const ch of generateCode(random).slice(0, 12)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    // 48,000 symbols / 31 ≈ 1548 each; a biased modulo would give the first 8 symbols ~3% more, a broken one far more.
    for (const ch of CODE_ALPHABET) {
      const c = counts.get(ch) ?? 0;
      expect(c).toBeGreaterThan(1400);
      expect(c).toBeLessThan(1700);
    }
  });
});

describe('normalisation and validation', () => {
  const code = '23456789ABCDN';

  it('accepts lower case, spaces and dashes of any kind', () => {
    expect(normalizeCode(' 2345-6789-abcd-n ')).toBe(code);
    expect(normalizeCode('2345 6789 ABCD N')).toBe(code);
    expect(normalizeCode('2345\u20136789\u2014abcd_n')).toBe(code);
    expect(isValidCode('2345-6789-abcd-n')).toBe(true);
    expect(isValidCode('  2345 6789abcdN\n')).toBe(true);
    expect(formatCode('2345 6789 abcd n')).toBe('2345-6789-ABCD-N');
  });

  it('maps no look-alikes: 0, O, 1 and I make a code invalid', () => {
    expect(normalizeCode('O0I1')).toBe('O0I1');
    for (const bad of ['0', 'O', '1', 'I', 'U']) {
      expect(isValidCode(bad + code.slice(1))).toBe(false);
    }
  });

  it('rejects wrong lengths and empty input', () => {
    expect(isValidCode('')).toBe(false);
    expect(isValidCode(code.slice(0, 12))).toBe(false);
    expect(isValidCode(code + '2')).toBe(false);
    expect(isValidCode('2345-6789-ABCD-N-2')).toBe(false);
  });

  it('rejects symbols outside the alphabet in checkSymbol', () => {
    expect(() => checkSymbol('23456789ABC0')).toThrow(RangeError);
    expect(() => checkSymbol('2345')).toThrow(RangeError);
  });
});

describe('echoing what someone typed', () => {
  it('groups by character, never splitting a surrogate pair (the fuzzing counterexample)', () => {
    // "!" then two U+10000: three characters, five UTF-16 units. Grouping by units used to cut the
    // second pair in half, and encodeURIComponent threw on the lone surrogate.
    expect(formatCode('!\u{10000}\u{10000}')).toBe('!\u{10000}\u{10000}');
    expect(formatCode('abcd\u{1F9B7}x')).toBe('ABCD-\u{1F9B7}X');
    expect(() => encodeURIComponent(displayCode('!\u{10000}\u{10000}'))).not.toThrow();
  });

  it('replaces lone surrogates and clips to 40 characters', () => {
    expect(displayCode('ab\uD800cd')).toBe('AB\uFFFDC-D');
    expect(displayCode('\uDC00')).toBe('\uFFFD');
    const teeth = '\u{1F9B7}'.repeat(45);
    expect(displayCode(teeth)).toBe(Array.from({ length: 10 }, () => '\u{1F9B7}'.repeat(4)).join('-'));
    expect(ECHO_LIMIT).toBe(40);
  });

  it('always gives a string a URL can carry, of at most 40 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (s) => {
        const shown = displayCode(s);
        expect(() => encodeURIComponent(shown)).not.toThrow();
        expect(Array.from(shown.replace(/-/g, '')).length).toBeLessThanOrEqual(ECHO_LIMIT);
      }),
      { numRuns: 2000 },
    );
  });
});
