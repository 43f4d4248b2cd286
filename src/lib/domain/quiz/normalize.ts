/**
 * Reading what learners type: billing codes and numbers. Lenient about harmless formatting
 * (case, spaces, dots in codes; `$`, thousands commas in numbers), strict about anything
 * ambiguous, so a typo is reported instead of silently scored as some other value.
 */

/**
 * Canonical form of a diagnosis or procedure code: upper case, with every space and dot removed,
 * so `s02.5xxa`, `S025XXA` and `S02.5 XXA` all become `S025XXA`.
 */
export function normalizeCode(s: string): string {
  return s.toUpperCase().replace(/[\s.]/g, '');
}

// Thousands commas only in well-formed groups of three: "1,805" and "12,345,678.9" read;
// "1,80,5" and "2,5" (a European decimal comma) do not, because guessing could turn 2.5 into 25.
const NUMBER_BODY = /^(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)$/;

/**
 * Reads a number as a learner types it, or returns null when the text is not one number.
 *
 * Accepted: surrounding whitespace; one sign (`-`, `+`, or the Unicode minus `−`) before or after an
 * optional leading `$` (`-$2.50`, `$-2.50`), with optional spaces after the `$`; thousands commas in
 * groups of three; a decimal point with digits on either side or both (`.5`, `5.`, `5.25`).
 * So `"1,805"`, `"$1805.00"`, `" 1805 "` → 1805 and `"-2.5"` → -2.5.
 *
 * Refused (null): the empty string, letters (`"abc"`, `"1e3"`, `"12 months"`), more than one
 * decimal point (`"1.2.3"`), misplaced commas (`"1,80,5"`, `"2,5"`, `"1805,"`), spaces inside the
 * digits (`"1 805"`), two signs, and values too large to represent.
 */
export function parseNumber(s: string): number | null {
  let t = s.trim().replace(/\u2212/g, '-');
  let sign = 1;
  let signed = false;
  const takeSign = () => {
    if (!signed && (t.startsWith('-') || t.startsWith('+'))) {
      if (t.startsWith('-')) sign = -1;
      signed = true;
      t = t.slice(1);
    }
  };
  takeSign();
  if (t.startsWith('$')) t = t.slice(1).trimStart();
  takeSign();
  if (!NUMBER_BODY.test(t)) return null;
  const value = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  // Avoids -0, which would print as "-0" on a results page.
  return value === 0 ? 0 : sign * value;
}
