/**
 * Contrast maths (WCAG 2.1) and the palette derived from a provider's primary colour. Expected
 * ratios are worked out by hand from the WCAG formulas:
 *   channel c → s = c/255; linear = s/12.92 when s ≤ 0.03928, else ((s + 0.055)/1.055)^2.4
 *   L = 0.2126 R + 0.7152 G + 0.0722 B; ratio = (L_light + 0.05)/(L_dark + 0.05)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandPalette, contrastRatio, contrastShortfalls, DARK_BACKGROUNDS, DARK_TEXT, isHexColor, LIGHT_BACKGROUNDS, LIGHT_TEXT, luminance, mix, palettePairs, parseHex } from '~/lib/domain/contrast';

describe('contrast ratio', () => {
  it('is 21:1 for black on white and 1:1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#ffffff', '#000')).toBeCloseTo(21, 10);
    expect(contrastRatio('#3a7bd5', '#3a7bd5')).toBe(1);
  });

  it('#767676 on white is 4.54:1 (passes AA) and #777777 is 4.48:1 (fails)', () => {
    // 118/255 = 0.46275 → ((0.46275 + 0.055)/1.055)^2.4 = 0.49075^2.4 = 0.18116; 1.05/0.23116 = 4.542
    expect(luminance('#767676')).toBeCloseTo(0.18116, 4);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.542, 3);
    // 119/255 = 0.46667 → 0.49447^2.4 = 0.18447; 1.05/0.23447 = 4.478
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.478, 3);
  });

  it('weights the channels: pure red on white is 4.00:1, pure blue 8.59:1', () => {
    // Red: L = 0.2126 → 1.05/0.2626 = 3.998. Blue: L = 0.0722 → 1.05/0.1222 = 8.592.
    expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(3.998, 3);
    expect(contrastRatio('#0000ff', '#ffffff')).toBeCloseTo(8.592, 3);
  });

  it('uses the linear segment for dark channels: #0a0a0a has L = (10/255)/12.92', () => {
    // 10/255 = 0.039216 is just under the 0.03928 threshold: 0.039216/12.92 = 0.0030353.
    expect(luminance('#0a0a0a')).toBeCloseTo(0.0030353, 6);
  });
});

describe('colours', () => {
  it('reads #abc and #aabbcc, refuses anything else', () => {
    expect(parseHex('#0e6b5c')).toEqual([14, 107, 92]);
    expect(parseHex('#fa0')).toEqual([255, 170, 0]);
    for (const bad of ['0e6b5c', '#0e6b5', 'teal', '#ggg', 'rgb(1,2,3)']) expect(isHexColor(bad)).toBe(false);
    expect(() => parseHex('teal')).toThrow('is not a colour like #1a5f7a');
  });

  it('mixes per channel', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#0e6b5c', '#ffffff', 0)).toBe('#0e6b5c');
    expect(mix('#0e6b5c', '#ffffff', 1)).toBe('#ffffff');
  });
});

describe('what the content check refuses', () => {
  it('a colour under 4.5:1 on white, or on the page surface, with the ratio cut to two places', () => {
    // #f4f6f8: channels 0.90466, 0.92158, 0.93869 → L = 0.91922; with #777777 0.96922/0.23447 = 4.134,
    // with #767676 0.96922/0.23116 = 4.193.
    expect(contrastShortfalls('#777777')).toEqual(['white (#ffffff) 4.47:1', 'surface (#f4f6f8) 4.13:1']);
    // #767676 passes on white (4.54) but not on the #f4f6f8 cards and header (4.19).
    expect(contrastShortfalls('#767676')).toEqual(['surface (#f4f6f8) 4.19:1']);
    expect(contrastShortfalls('#0e6b5c')).toEqual([]);
    expect(contrastShortfalls('#000000')).toEqual([]);
  });
});

describe('the palette of a primary colour', () => {
  it('keeps the primary, puts white text on it and every derived pair passes 4.5:1', () => {
    for (const primary of ['#0e6b5c', '#0b5f8a', '#6b2d5c', '#000000', '#595959', '#0000ff']) {
      const p = brandPalette(primary);
      expect(p.accent).toBe(primary);
      expect(p.accentText).toBe('#ffffff');
      for (const pair of palettePairs(p)) expect(contrastRatio(pair.fg, pair.bg), `${primary}: ${pair.what}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('lightens the primary for the dark scheme and uses the dark background as its button text', () => {
    const p = brandPalette('#0e6b5c');
    expect(luminance(p.dark.accent)).toBeGreaterThan(luminance('#0e6b5c'));
    expect(p.dark.accentText).toBe('#11161c');
  });

  it('names the same backgrounds and text colours as the stylesheet', () => {
    const css = readFileSync(join(process.cwd(), 'src/styles/global.css'), 'utf8');
    const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
    const token = (block: string, name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(block)?.[1]?.toLowerCase();
    expect([token(light!, 'bg'), token(light!, 'surface'), token(light!, 'text')]).toEqual([LIGHT_BACKGROUNDS.white, LIGHT_BACKGROUNDS.surface, LIGHT_TEXT]);
    expect([token(dark!, 'bg'), token(dark!, 'surface'), token(dark!, 'text')]).toEqual([DARK_BACKGROUNDS.background, DARK_BACKGROUNDS.surface, DARK_TEXT]);
  });
});
