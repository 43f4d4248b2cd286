// Draws the demo provider's logo and signature (content/brand/*.png) with code, so the shipped
// pictures are our own work: `node scripts/draw-brand.mjs` writes them again. Plain Node: a small
// PNG encoder (zlib + CRC-32) and shapes sampled 4×4 per pixel for smooth edges.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** RGBA pixels (Uint8Array, w*h*4) as a PNG file. */
function png(w, h, rgba) {
  const head = Buffer.alloc(13);
  head.writeUInt32BE(w, 0);
  head.writeUInt32BE(h, 4);
  head.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) Buffer.from(rgba.buffer, y * w * 4, w * 4).copy(raw, y * (w * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', head), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
/** Paints `color` where `inside(x, y)` holds, with coverage from 4×4 samples per pixel. */
function paint(w, h, rgba, color, inside) {
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      if (!hits) continue;
      const a = hits / 16;
      const i = (y * w + x) * 4;
      const under = rgba[i + 3] / 255;
      const out = a + under * (1 - a);
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round((color[c] * a + rgba[i + c] * under * (1 - a)) / out);
      rgba[i + 3] = Math.round(out * 255);
    }
}
const hex = (s) => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));

// The logo: a white tooth on a rounded teal square, 96 px (shown at 48 px: sharp on 2× screens).
{
  const S = 96;
  const rgba = new Uint8Array(S * S * 4);
  const u = S / 100;
  const roundedSquare = (x, y) => {
    const r = 22 * u;
    const cx = Math.min(Math.max(x, r), S - r);
    const cy = Math.min(Math.max(y, r), S - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  paint(S, S, rgba, hex('#0e6b5c'), roundedSquare);
  const tooth = (px, py) => {
    const x = px / u;
    const y = py / u;
    const inCircle = (cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    const crown = inCircle(37, 32, 15) || inCircle(63, 32, 15) || (x >= 22 && x <= 78 && y >= 32 && y <= 56) || (y <= 32 && y >= 22 && x >= 37 && x <= 63 && y >= 24 + Math.abs(x - 50) * -0.15);
    // Two roots narrowing towards rounded tips, with a notch between them.
    const t = (y - 56) / 26;
    const leftRoot = t >= 0 && t <= 1 && x >= 22 + 9 * t && x <= 48 - 4 * t;
    const rightRoot = t >= 0 && t <= 1 && x >= 52 + 4 * t && x <= 78 - 9 * t;
    const tips = inCircle(39.5, 82, 8.5) || inCircle(60.5, 82, 8.5);
    return crown || leftRoot || rightRoot || tips;
  };
  paint(S, S, rgba, [255, 255, 255], (x, y) => tooth(x - 0 * u, y + 2 * u) && roundedSquare(x, y));
  writeFileSync(new URL('../content/brand/logo.png', import.meta.url), png(S, S, rgba));
}

// The signature: one pen stroke of loops and a flourish, in blue-black ink on a clear background.
{
  const W = 360;
  const H = 110;
  const rgba = new Uint8Array(W * H * 4);
  /** Cubic Bézier segments [p0, c1, c2, p3], sampled into short lines. */
  const curves = [
    [[20, 70], [30, 20], [60, 15], [55, 55]],
    [[55, 55], [50, 95], [15, 95], [25, 70]],
    [[25, 70], [45, 60], [70, 40], [85, 60]],
    [[85, 60], [95, 75], [100, 40], [115, 45]],
    [[115, 45], [130, 50], [110, 80], [135, 72]],
    [[135, 72], [160, 64], [150, 30], [170, 40]],
    [[170, 40], [185, 48], [165, 78], [190, 70]],
    [[190, 70], [215, 62], [205, 25], [225, 35]],
    [[225, 35], [240, 45], [215, 85], [245, 72]],
    [[245, 72], [270, 60], [262, 35], [280, 45]],
    [[280, 45], [292, 52], [275, 90], [300, 70]],
    [[300, 70], [320, 55], [330, 60], [345, 52]],
    [[60, 88], [150, 80], [250, 84], [330, 78]],
  ];
  const points = [];
  for (const [a, b, c, d] of curves) {
    for (let i = 0; i <= 40; i++) {
      const t = i / 40;
      const m = 1 - t;
      points.push([m ** 3 * a[0] + 3 * m * m * t * b[0] + 3 * m * t * t * c[0] + t ** 3 * d[0], m ** 3 * a[1] + 3 * m * m * t * b[1] + 3 * m * t * t * c[1] + t ** 3 * d[1], i === 0]);
    }
  }
  const segments = [];
  for (let i = 1; i < points.length; i++) if (!points[i][2]) segments.push([points[i - 1], points[i]]);
  const near = (x, y, r) =>
    segments.some(([[ax, ay], [bx, by]]) => {
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
      return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r * r;
    });
  paint(W, H, rgba, hex('#1b2a4a'), (x, y) => near(x, y, 1.6));
  writeFileSync(new URL('../content/brand/signature.png', import.meta.url), png(W, H, rgba));
}
