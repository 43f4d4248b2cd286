/**
 * Colour contrast (WCAG 2.1, success criterion 1.4.3) and the palette the site derives from a
 * provider's primary colour. Pure: the content check refuses a colour that fails, and the layout
 * and emails use the derived colours, so what passes the check is exactly what is shown.
 */

/** Text and buttons need 4.5:1 (WCAG 2.1 AA, normal-size text). */
export const AA_TEXT = 4.5;

export type Rgb = readonly [number, number, number];

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** True for `#abc` or `#aabbcc`. */
export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

/** `#abc` or `#aabbcc` as 0-255 channels. */
export function parseHex(hex: string): Rgb {
  const m = HEX.exec(hex.trim());
  if (!m) throw new Error(`"${hex}" is not a colour like #1a5f7a`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** `#rrggbb`, lower case. */
export function toHex([r, g, b]: Rgb): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** Relative luminance of an sRGB colour (WCAG 2.1 definition, threshold 0.03928). */
export function luminance(color: string | Rgb): number {
  const [r, g, b] = (typeof color === 'string' ? parseHex(color) : color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, from 1 (same) to 21 (black on white); order does not matter. */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` moved towards `b` by `t` (0 = a, 1 = b), per channel. */
export function mix(a: string, b: string, t: number): string {
  const [x, y] = [parseHex(a), parseHex(b)];
  return toHex(x.map((c, i) => c + (y[i]! - c) * t) as unknown as Rgb);
}

/**
 * The backgrounds the primary colour is drawn on as text (links, outlined buttons) in the light
 * scheme, and the dark scheme's. They mirror --bg, --surface (light) and --bg, --surface (dark)
 * in src/styles/global.css; test/unit/contrast.test.ts keeps them equal.
 */
export const LIGHT_BACKGROUNDS = { white: '#ffffff', surface: '#f4f6f8' } as const;
export const DARK_BACKGROUNDS = { background: '#11161c', surface: '#1a222b' } as const;
/** Body text colours of the two schemes (text on the tinted notices). */
export const LIGHT_TEXT = '#1b2430';
export const DARK_TEXT = '#e8edf2';

/** Where a colour falls short of 4.5:1 against the light backgrounds, as "white 3.99:1" items. */
export function contrastShortfalls(color: string): string[] {
  return Object.entries(LIGHT_BACKGROUNDS)
    .map(([name, bg]) => [name, contrastRatio(color, bg)] as const)
    .filter(([, ratio]) => ratio < AA_TEXT)
    .map(([name, ratio]) => `${name} (${LIGHT_BACKGROUNDS[name as keyof typeof LIGHT_BACKGROUNDS]}) ${floor2(ratio)}:1`);
}

/** Ratios shown to people are cut, never rounded up: 4.496 reads 4.49, not a passing 4.50. */
export const floor2 = (n: number) => (Math.floor(n * 100) / 100).toFixed(2);

/** Every colour the site and the emails use for a primary colour, light and dark scheme. */
export interface BrandPalette {
  /** The primary colour itself: links, buttons, headings on the certificate. */
  accent: string;
  /** Text on a primary-coloured button (white: its contrast with the primary equals the primary's with white). */
  accentText: string;
  /** A pale tint for notices, still 4.5:1 under both the primary and the body text. */
  accentSoft: string;
  dark: { accent: string; accentText: string; accentSoft: string };
}

const passesOn = (bg: string, ...fgs: string[]) => fgs.every((fg) => contrastRatio(fg, bg) >= AA_TEXT);

/** The first step of `from` towards `to` (in twentieths) that `ok` accepts; `to` itself otherwise. */
function firstStep(from: string, to: string, ok: (c: string) => boolean, start = 0): string {
  for (let i = start; i <= 20; i++) {
    const c = mix(from, to, i / 20);
    if (ok(c)) return c;
  }
  return to;
}

/**
 * The palette of a primary colour that passes contrastShortfalls (the content check refuses the
 * others). Dark scheme: the primary lightened until it reads on the dark backgrounds, with the
 * dark background as its button text; tints are searched the same way, so every pair the
 * stylesheet draws passes 4.5:1.
 */
export function brandPalette(primary: string): BrandPalette {
  const accent = toHex(parseHex(primary));
  const accentSoft = firstStep(accent, '#ffffff', (c) => passesOn(c, accent, LIGHT_TEXT), 17);
  const darkAccent = firstStep(accent, '#ffffff', (c) => Object.values(DARK_BACKGROUNDS).every((bg) => passesOn(bg, c)));
  const darkSoft = firstStep(mix(DARK_BACKGROUNDS.background, accent, 0.25), DARK_BACKGROUNDS.background, (c) => passesOn(c, darkAccent, DARK_TEXT));
  return { accent, accentText: '#ffffff', accentSoft, dark: { accent: darkAccent, accentText: DARK_BACKGROUNDS.background, accentSoft: darkSoft } };
}

/** Every text/background pair the palette is drawn with, for tests and the check. */
export function palettePairs(p: BrandPalette): Array<{ what: string; fg: string; bg: string }> {
  return [
    ...Object.entries(LIGHT_BACKGROUNDS).map(([n, bg]) => ({ what: `primary on ${n}`, fg: p.accent, bg })),
    { what: 'button text on primary', fg: p.accentText, bg: p.accent },
    { what: 'primary on tint', fg: p.accent, bg: p.accentSoft },
    { what: 'text on tint', fg: LIGHT_TEXT, bg: p.accentSoft },
    ...Object.entries(DARK_BACKGROUNDS).map(([n, bg]) => ({ what: `dark: primary on ${n}`, fg: p.dark.accent, bg })),
    { what: 'dark: button text on primary', fg: p.dark.accentText, bg: p.dark.accent },
    { what: 'dark: primary on tint', fg: p.dark.accent, bg: p.dark.accentSoft },
    { what: 'dark: text on tint', fg: DARK_TEXT, bg: p.dark.accentSoft },
  ];
}
