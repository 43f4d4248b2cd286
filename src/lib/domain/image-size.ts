/**
 * The pixel size of a picture from its bytes (PNG, JPEG, SVG), so pages can give every <img> its
 * width and height and nothing shifts while it loads. Pure: bytes in, size out.
 */
export interface Size {
  width: number;
  height: number;
}

export function imageSize(bytes: Uint8Array, ext: string): Size | undefined {
  const type = ext.toLowerCase().replace(/^\./, '');
  if (type === 'png') return pngSize(bytes);
  if (type === 'jpg' || type === 'jpeg') return jpegSize(bytes);
  if (type === 'svg') return svgSize(new TextDecoder().decode(bytes));
  return undefined;
}

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;

/** PNG: width and height are the first two fields of the IHDR chunk, right after the signature. */
function pngSize(b: Uint8Array): Size | undefined {
  if (b.length < 24 || b[0] !== 0x89 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: u32(b, 16), height: u32(b, 20) };
}

/** JPEG: the first start-of-frame marker (C0-CF, except C4 DHT, C8 and CC DAC) carries the size. */
function jpegSize(b: Uint8Array): Size | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: u16(b, i + 7), height: u16(b, i + 5) };
    i += 2 + u16(b, i + 2);
  }
  return undefined;
}

/** SVG: the root's width and height in plain numbers or px, else its viewBox. */
function svgSize(text: string): Size | undefined {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const px = (v: string | undefined) => (v && /^\s*[\d.]+\s*(px)?\s*$/.test(v) ? parseFloat(v) : undefined);
  const [w, h] = [px(attr('width')), px(attr('height'))];
  if (w && h) return { width: w, height: h };
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (box?.length === 4 && box[2]! > 0 && box[3]! > 0) return { width: box[2]!, height: box[3]! };
  return undefined;
}
