/**
 * Public verification codes for certificates, e.g. `7KQM-2XPH-9RTW-C`.
 *
 * Alphabet: 31 symbols, `23456789ABCDEFGHJKLMNPQRSTVWXYZ`. This is Crockford's base32 without
 * 0 and 1 (so nobody mistakes them for O and I, which Crockford already leaves out) and with L put
 * back: Crockford drops L only because it looks like 1, and 1 is gone. U stays out, as in
 * Crockford, so fewer English words appear by accident. 31 is prime, which is what makes the
 * weighted mod-31 check below catch every single substitution and every adjacent transposition;
 * with 30 or 32 symbols some weight differences would share a factor with the modulus.
 *
 * Layout: 12 random data symbols, then 1 check symbol, printed in groups of four.
 *
 * Entropy: each data symbol is uniform over 31 values (rejection sampling, below), so
 *   12 × log2(31) = 12 × 4.9542 ≈ 59.45 bits  (≥ 50 bits required).
 * The check symbol adds no entropy. 31^12 ≈ 7.87 × 10^17 codes: guessing one valid code among a
 * million issued takes ~7.9 × 10^11 tries on average, far beyond any rate-limited verify page.
 *
 * Normalisation only removes separators (spaces, dashes) and upper-cases. It maps no look-alikes:
 * 0, O, 1 and I are all outside the alphabet, so there is no right symbol to map them to, and a
 * silent guess could turn a mistyped code into someone else's valid one. Such input is simply
 * invalid; the verify page should say that codes never contain 0, O, 1 or I.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTVWXYZ';
export const CODE_BASE = CODE_ALPHABET.length; // 31, prime
export const CODE_DATA_LENGTH = 12;
/** Data symbols plus the check symbol. */
export const CODE_LENGTH = CODE_DATA_LENGTH + 1;
export const CODE_GROUP_SIZE = 4;
/** log2(31^12): the unguessability of a generated code, in bits. */
export const CODE_ENTROPY_BITS = CODE_DATA_LENGTH * Math.log2(CODE_BASE);

/** Fills a byte array with cryptographically secure random bytes. */
export type RandomBytes = (length: number) => Uint8Array;

const defaultRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

const VALUE = new Map<string, number>([...CODE_ALPHABET].map((ch, i) => [ch, i]));

// The largest multiple of 31 that fits in a byte: bytes at or above it are thrown away so that
// `byte % 31` is exactly uniform (a plain modulo would favour the first 8 symbols by 1/256).
const REJECT_FROM = 256 - (256 % CODE_BASE); // 248

/**
 * The check symbol for 12 data symbols.
 *
 * Weights run 13, 12, ..., 2 over the data and 1 over the check symbol; the check is chosen so the
 * weighted sum of all 13 values is 0 mod 31. A substitution at position i changes the sum by
 * w_i·(a−b), and swapping neighbours changes it by (w_i − w_{i+1})·(a−b) = ±(a−b); with 31 prime and
 * 0 < |a−b| < 31 and 0 < w_i < 31, neither can be a multiple of 31, so both are always caught.
 */
export function checkSymbol(data: string): string {
  if (data.length !== CODE_DATA_LENGTH) throw new RangeError(`a code has ${CODE_DATA_LENGTH} data symbols, not ${data.length}`);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = VALUE.get(data[i]!);
    if (v === undefined) throw new RangeError(`"${data[i]}" is not in the code alphabet`);
    sum += (CODE_LENGTH - i) * v;
  }
  return CODE_ALPHABET[(CODE_BASE - (sum % CODE_BASE)) % CODE_BASE]!;
}

/**
 * Generates a new raw code (13 symbols, no dashes). Store the raw form; print it with formatCode.
 * @param randomBytes a secure random source; tests inject a deterministic one.
 */
export function generateCode(randomBytes: RandomBytes = defaultRandomBytes): string {
  let data = '';
  // A working source rejects 8/256 of bytes; 100 rounds failing means the source is broken.
  for (let round = 0; data.length < CODE_DATA_LENGTH; round++) {
    if (round >= 100) throw new Error('the random source keeps returning bytes that cannot be used; is it really random?');
    for (const byte of randomBytes(CODE_DATA_LENGTH - data.length + 4)) {
      if (byte < REJECT_FROM && data.length < CODE_DATA_LENGTH) data += CODE_ALPHABET[byte % CODE_BASE];
    }
  }
  return data + checkSymbol(data);
}

/**
 * Upper-cases and strips separators (whitespace, any kind of dash, underscores). It does not validate or
 * map look-alike characters (see the module comment).
 */
export function normalizeCode(input: string): string {
  return input.replace(/[\s\-\u2010-\u2015\u2212_]+/g, '').toUpperCase();
}

/**
 * The printed form, in groups of four: `7KQM-2XPH-9RTW-C`. Accepts raw or already formatted input;
 * it does not check validity, so it can also echo back what someone typed.
 */
export function formatCode(raw: string): string {
  // Group by code point, not UTF-16 unit: slicing "!𐀀𐀀" by units would split a surrogate pair and
  // leave a lone surrogate that encodeURIComponent refuses (a 500 on the verify page, found by fuzzing).
  const code = Array.from(normalizeCode(raw));
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += CODE_GROUP_SIZE) groups.push(code.slice(i, i + CODE_GROUP_SIZE).join(''));
  return groups.join('-');
}

/** Longest input, in characters, that the verify pages echo back. */
export const ECHO_LIMIT = 40;

/**
 * What someone typed, made safe to echo on a page and in a URL: normalised, clipped to ECHO_LIMIT
 * code points, lone surrogates replaced by U+FFFD, and grouped like a printed code.
 */
export function displayCode(input: string): string {
  const wellFormed = input.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return formatCode(Array.from(normalizeCode(wellFormed)).slice(0, ECHO_LIMIT).join(''));
}

/** True when the input, after normalizeCode, has the right length, alphabet and check symbol. */
export function isValidCode(input: string): boolean {
  const code = normalizeCode(input);
  if (code.length !== CODE_LENGTH) return false;
  for (const ch of code) if (!VALUE.has(ch)) return false;
  return checkSymbol(code.slice(0, CODE_DATA_LENGTH)) === code[CODE_DATA_LENGTH];
}
