// Draws Kassa's app icons (public/icons/*.png): a white "K" on the app's teal.
// Run `node scripts/icons.mjs` after changing the mark; the PNGs are committed.
// Written by hand with zlib so no image library joins the dependencies.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";

const TEAL = [0x0f, 0x76, 0x6e];
// The "K" in a unit square: stem, upper arm, lower leg (clockwise polygons).
const K = [
  [[0.3, 0.22], [0.42, 0.22], [0.42, 0.78], [0.3, 0.78]],
  [[0.42, 0.5], [0.63, 0.22], [0.78, 0.22], [0.42, 0.66]],
  [[0.5, 0.47], [0.78, 0.78], [0.63, 0.78], [0.43, 0.56]],
];

function inside([x, y], polygon) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

// `markScale` shrinks the K toward the centre; `corner` rounds the tile
// (0 = full bleed, as a maskable icon must be: the launcher cuts its own shape).
function draw(size, { markScale, corner }) {
  const n = 4; // 4×4 samples per pixel for smooth edges
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = (px + (sx + 0.5) / n) / size;
          const v = (py + (sy + 0.5) / n) / size;
          const dx = Math.max(corner - u, u - (1 - corner), 0);
          const dy = Math.max(corner - v, v - (1 - corner), 0);
          if (corner > 0 && dx * dx + dy * dy > corner * corner) continue;
          tile++;
          const p = [0.5 + (u - 0.5) / markScale, 0.5 + (v - 0.5) / markScale];
          if (K.some((poly) => inside(p, poly))) mark++;
        }
      }
      const i = (py * size + px) * 4;
      const m = tile ? mark / tile : 0;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(TEAL[c] * (1 - m) + 255 * m);
      rgba[i + 3] = Math.round((255 * tile) / (n * n));
    }
  }
  return png(size, rgba);
}

const CRC = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = new URL("../public/icons/", import.meta.url);
// The maskable K stays inside the central 80 % circle Android may keep.
for (const size of [192, 512]) {
  writeFileSync(new URL(`icon-${size}.png`, dir), draw(size, { markScale: 1, corner: 0.18 }));
  writeFileSync(new URL(`maskable-${size}.png`, dir), draw(size, { markScale: 0.62, corner: 0 }));
}
