#!/usr/bin/env node
/**
 * Draws the two icons of the Teams app (manifests/teams/) and writes them as
 * PNG with node:zlib, so that no binary is hand-made and the icons can be
 * reproduced byte for byte:
 *
 * - color.png, 192×192: the symbol in white on the accent color, filling the square;
 * - outline.png, 32×32: the symbol in white on a transparent background.
 *
 * The symbol is a team leader's rank badge: two chevrons over a bar.
 *
 *   node scripts/teams-icons.mjs [--out-dir DIR]     (default manifests/teams)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/** The accent color of the app (manifest.json `accentColor`). */
export const ACCENT = [0xc8, 0x10, 0x2e];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), as PNG chunks and zip entries need it. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA image (`rgba`: width × height × 4 bytes) as PNG (8-bit RGBA, no interlace, filter 0). */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Distance from point p to segment ab (unit square coordinates). */
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The badge in a unit square: two chevrons (pointing up) over a bar; strokes of half-width `w`. */
const STROKES = [
  [0.2, 0.36, 0.5, 0.12],
  [0.5, 0.12, 0.8, 0.36],
  [0.2, 0.62, 0.5, 0.38],
  [0.5, 0.38, 0.8, 0.62],
  [0.2, 0.86, 0.8, 0.86],
];

function inSymbol(x, y, halfWidth) {
  return STROKES.some(([ax, ay, bx, by]) => segmentDistance(x, y, ax, ay, bx, by) <= halfWidth);
}

/** Coverage of the symbol in one pixel, by 4×4 supersampling (anti-aliased edges). */
function coverage(px, py, size, halfWidth, inset) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4) / size;
      const y = (py + (sy + 0.5) / 4) / size;
      // Draw inside the inset box (Teams wants the color icon's symbol within its middle part).
      const ux = (x - inset) / (1 - 2 * inset);
      const uy = (y - inset) / (1 - 2 * inset);
      if (ux >= 0 && ux <= 1 && uy >= 0 && uy <= 1 && inSymbol(ux, uy, halfWidth)) hits++;
    }
  }
  return hits / 16;
}

export function colorIcon(size = 192) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 0.07, 0.25);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(ACCENT[c] * (1 - a) + 255 * a);
      rgba[i + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

export function outlineIcon(size = 32) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 255;
      rgba[i + 3] = Math.round(255 * coverage(x, y, size, 0.075, 0.04));
    }
  }
  return encodePng(size, size, rgba);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const at = process.argv.indexOf('--out-dir');
  const dir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'manifests', 'teams');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'color.png'), colorIcon());
  writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${path.join(dir, 'color.png')} (192×192) and ${path.join(dir, 'outline.png')} (32×32)`);
}
