// Procedural H&E-looking slide pictures for the Cytomine emulator: thumbnails,
// annotation crops and viewer tiles. Colours are a pure function of slide coordinates
// (plus the image seed and the sampling footprint), so a crop matches the same place in
// the thumbnail and in the tiles. Stains are mixed in optical-density space
// (Beer-Lambert) via a LUT. Pictures are drawn in row space (y down from the top edge);
// annotation geometries are in Cytomine's space (y up from the bottom edge) and are
// flipped before cropping.

import { crc32, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { envelope, translateScale, GeometryError } from './geometry.mjs';

// ---------------------------------------------------------------------------
// Noise.

/** 32-bit integer hash of a lattice point. */
function hash(ix, iy, seed) {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy ^ 0x5bd1e995, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const clamp01 = (v) => (v < 0 ? 0 : v > 1 ? 1 : v);
const smooth = (e0, e1, v) => { const t = clamp01((v - e0) / (e1 - e0)); return t * t * (3 - 2 * t); };

/** Integer seed from image.seed (number or string) or image.id. */
function seedOf(image) {
  const s = String(image.seed ?? image.id ?? 0);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ---------------------------------------------------------------------------
// Stain colour LUT: optical densities (hematoxylin, eosin) -> RGB.

const LUT_N = 128, H_MAX = 1.6, E_MAX = 2.0;
const H_OD = [0.9, 0.95, 0.3];   // blue-purple
const E_OD = [0.09, 0.47, 0.27]; // pink
const GLASS_OD = 0.02;

const LUT = (() => {
  const lut = new Uint8Array(LUT_N * LUT_N * 3);
  for (let hi = 0; hi < LUT_N; hi++) {
    for (let ei = 0; ei < LUT_N; ei++) {
      const h = (hi / (LUT_N - 1)) * H_MAX, e = (ei / (LUT_N - 1)) * E_MAX;
      for (let k = 0; k < 3; k++) {
        lut[(hi * LUT_N + ei) * 3 + k] = Math.round(255 * Math.exp(-(GLASS_OD + h * H_OD[k] + e * E_OD[k])));
      }
    }
  }
  return lut;
})();

// ---------------------------------------------------------------------------
// Tissue field: smooth Perlin layers (tissue blobs, lumens, cellularity, fibres),
// a nucleus lattice and per-slide-pixel grain. Layers fade to their mean when the
// footprint nears their period (level of detail), so thumbnails do not alias.

const CELL = 14;               // nucleus lattice, slide px
const NUC_COVERAGE = 0.133;    // mean nucleus area / cell area
const NUC_MEAN_H = 0.875;      // mean hematoxylin OD inside a nucleus

/** Integer seeds derived from the image. */
function seedsOf(image) {
  const seed = seedOf(image);
  return Array.from({ length: 12 }, (_, k) => hash(k, 0x3c6ef372, seed) | 0);
}

/** Weight of a layer of period `period` at footprint `fp`: 1 when fine enough, 0 when aliased. */
const lod = (period, fp) => clamp01((period / 2 - fp) / (period / 3));

// Unit gradients for Perlin noise.
const GRAD_X = Float64Array.from({ length: 64 }, (_, k) => Math.cos(((k + 0.5) * Math.PI) / 32));
const GRAD_Y = Float64Array.from({ length: 64 }, (_, k) => Math.sin(((k + 0.5) * Math.PI) / 32));
const PERLIN_GAIN = 0.75; // maps Perlin (about +-0.7) to roughly [0, 1] around 0.5

/**
 * A Perlin gradient-noise layer sampled on the region's pixel grid, values around 0.5.
 * Separable evaluation: per row, each lattice column is reduced to a linear function
 * of the x offset (A * fx + B); each pixel then costs one lerp.
 */
class Layer {
  constructor(xs, periodX, periodY, seed, weight) {
    const n = xs.length;
    this.periodY = periodY;
    this.seed = seed;
    this.weight = weight;
    this.row = new Float64Array(n).fill(0.5);
    if (weight === 0) return;
    this.idx = new Int32Array(n);
    this.fx = new Float64Array(n);
    this.sx = new Float64Array(n);
    // Seed-dependent lattice offsets, so lattice points (where Perlin noise is 0.5) do not line up.
    this.ox = (seed & 0xffff) / 65536;
    this.oy = ((seed >>> 16) & 0xffff) / 65536;
    this.ix0 = Math.floor(xs[0] / periodX + this.ox);
    for (let i = 0; i < n; i++) {
      const u = xs[i] / periodX + this.ox, iu = Math.floor(u), f = u - iu;
      this.idx[i] = iu - this.ix0;
      this.fx[i] = f;
      this.sx[i] = f * f * f * (f * (f * 6 - 15) + 10);
    }
    const cols = this.idx[n - 1] + 2;
    this.A = new Float64Array(cols);
    this.B = new Float64Array(cols);
  }

  /** Fills `row` for slide ordinate y. */
  fill(y) {
    if (this.weight === 0) return;
    const v = y / this.periodY + this.oy, iy = Math.floor(v), fy = v - iy;
    const sy = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
    const { A, B, idx, fx, sx, row, seed, ix0 } = this;
    for (let k = 0; k < A.length; k++) {
      const t = hash(ix0 + k, iy, seed) & 63, b = hash(ix0 + k, iy + 1, seed) & 63;
      A[k] = GRAD_X[t] + (GRAD_X[b] - GRAD_X[t]) * sy;
      B[k] = GRAD_Y[t] * fy + (GRAD_Y[b] * (fy - 1) - GRAD_Y[t] * fy) * sy;
    }
    const gain = PERLIN_GAIN * this.weight;
    for (let i = 0; i < row.length; i++) {
      const k = idx[i], f = fx[i];
      const left = f * A[k] + B[k], right = (f - 1) * A[k + 1] + B[k + 1];
      row[i] = 0.5 + (left + (right - left) * sx[i]) * gain;
    }
  }
}

/** Hematoxylin OD of the nucleus covering (x, y), 0 if none. */
function nucleusAt(seeds, x, y, density) {
  const cy = Math.floor(y / CELL);
  const cx = Math.floor(x / CELL + ((cy * 0.618034) % 1)); // staggered rows
  const h1 = hash(cx, cy, seeds[7]);
  if ((h1 & 0xffff) / 65536 >= density) return 0;
  const h2 = hash(cx, cy, seeds[8]);
  const r = 2.2 + 2.2 * ((h1 >>> 16) & 0xff) / 255;
  const room = CELL / 2 - r - 0.5;
  const px = (cx + 0.5 - ((cy * 0.618034) % 1)) * CELL + room * ((h2 & 0xff) / 127.5 - 1);
  const py = (cy + 0.5) * CELL + room * (((h2 >>> 8) & 0xff) / 127.5 - 1);
  const stretch = 1 + 0.8 * ((h2 >>> 16) & 0xff) / 255; // elongated along x or y
  let dx = x - px, dy = y - py;
  if (h2 & 0x80000000) dx *= stretch; else dy *= stretch;
  const d2 = (dx * dx + dy * dy) / (r * r);
  if (d2 >= 1) return 0;
  return 0.6 + 0.35 * (1 - d2) + 0.2 * ((h1 >>> 24) & 0xff) / 255;
}

/** LUT offset of hematoxylin / eosin optical densities. */
function lutOffset(h, e) {
  const hi = Math.min(LUT_N - 1, Math.max(0, Math.round((h / H_MAX) * (LUT_N - 1))));
  const ei = Math.min(LUT_N - 1, Math.max(0, Math.round((e / E_MAX) * (LUT_N - 1))));
  return (hi * LUT_N + ei) * 3;
}

/** All layers of a region, keyed by role. */
function layersOf(image, seeds, xs, fp) {
  const S = Math.max(image.width, image.height);
  const mk = (px, py, k) => new Layer(xs, px, py, seeds[k], lod(Math.min(px, py), fp));
  return {
    t0: mk(S / 3, S / 3, 0), t1: mk(S / 7, S / 7, 1), t2: mk(S / 17, S / 17, 2),
    ragged: mk(150, 150, 3), lumen0: mk(900, 900, 5), lumen1: mk(300, 300, 6), lumen2: mk(100, 100, 10),
    cells: mk(1400, 1400, 9), fibres: mk(14, 4, 11),
  };
}

/**
 * Renders slide region [x0, x0+w] x [y0, y0+h] into an outW x outH RGBA buffer,
 * sampling pixel centres.
 */
function renderRegion(image, x0, y0, w, h, outW, outH) {
  const seeds = seedsOf(image);
  const out = Buffer.alloc(outW * outH * 4);
  const sx = w / outW, sy = h / outH, fp = Math.max(sx, sy);
  const xs = Float64Array.from({ length: outW }, (_, i) => x0 + (i + 0.5) * sx);
  // Tissue is biased toward the centre and kept off the slide borders.
  const bx = xs.map((x) => Math.abs(2 * x / image.width - 1));
  const radialX = bx.map((b) => b * b);
  const L = layersOf(image, seeds, xs, fp);
  const layers = Object.values(L);
  const detail = clamp01((6 - fp) / 4); // full nuclei at <= 2 px/pixel, averaged beyond 6
  // Threshold ramps widen with the noise variance lost to level of detail (~0.2 sd per layer).
  const lost = (layer, amp) => amp * (1 - layer.weight);
  const lumenK = 0.015 + 0.34 * Math.hypot(lost(L.lumen0, 0.5), lost(L.lumen1, 0.3), lost(L.lumen2, 0.2));
  const edgeK = 0.004 + 0.2 * lost(L.ragged, 0.05);
  const glassAmp = Math.min(1, 2 / fp + 0.3);
  const background = lutOffset(0, 0);
  let o = 0;
  for (let j = 0; j < outH; j++) {
    const y = y0 + (j + 0.5) * sy;
    const by = Math.abs(2 * y / image.height - 1), radialY = by * by;
    for (const layer of layers) layer.fill(y);
    for (let i = 0; i < outW; i++, o += 4) {
      const x = xs[i];
      const grain = (hash(Math.floor(x), Math.floor(y), seeds[4]) & 0xff) / 255 - 0.5;
      const score = 0.55 * L.t0.row[i] + 0.3 * L.t1.row[i] + 0.15 * L.t2.row[i] - 0.1
        - 0.6 * (radialX[i] + radialY) - 0.6 * smooth(0.8, 0.97, Math.max(bx[i], by))
        + 0.05 * (L.ragged.row[i] - 0.5);
      const a = smooth(-edgeK, edgeK, score);
      let l = background;
      if (a > 0) {
        const lumenN = 0.5 * L.lumen0.row[i] + 0.3 * L.lumen1.row[i] + 0.2 * L.lumen2.row[i];
        const lumen = smooth(0.63 - lumenK, 0.63 + lumenK, lumenN);
        const rim = smooth(0.55, 0.61, lumenN) * (1 - lumen); // denser eosin around lumens
        const c = L.cells.row[i];
        const density = 0.12 + 0.7 * c;
        let nuc = density * NUC_COVERAGE * NUC_MEAN_H;
        if (detail > 0) nuc = detail * nucleusAt(seeds, x, y, density) + (1 - detail) * nuc;
        const tissue = a * (1 - lumen);
        const e = a * 0.06 + tissue * (0.55 + 0.6 * (1 - c) + 0.45 * L.fibres.row[i] + 0.4 * rim + 0.08 * grain);
        l = lutOffset(tissue * (0.1 + nuc + 0.04 * grain), e);
      }
      const g = a > 0 ? 0 : Math.round(grain * 2 * glassAmp); // glass noise
      out[o] = LUT[l] + g;
      out[o + 1] = LUT[l + 1] + g;
      out[o + 2] = LUT[l + 2] + g;
      out[o + 3] = 255;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// PNG encoder.

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes an 8-bit RGBA pixel buffer as PNG (IHDR, IDAT with filter 0 rows, IEND).
 * @param {Uint8Array} rgba width*height*4 bytes
 * @param {number} width
 * @param {number} height
 * @returns {Buffer}
 */
export function encodePng(rgba, width, height) {
  const stride = width * 4;
  if (!(width > 0 && height > 0) || rgba.length < stride * height) throw new RangeError('bad PNG dimensions');
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 2 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------
// Output helpers.

/** Normalises a format like the server: png, jpg (default), webp served as png. */
function normaliseFormat(format) {
  const f = String(format ?? 'jpg').toLowerCase();
  if (f === 'png' || f === 'webp') return 'png';
  return 'jpg';
}

function encode(rgba, width, height, format) {
  if (normaliseFormat(format) === 'png') return { buffer: encodePng(rgba, width, height), contentType: 'image/png' };
  const { data } = jpeg.encode({ data: rgba, width, height }, 85);
  return { buffer: Buffer.from(data), contentType: 'image/jpeg' };
}

const MAX_OUTPUT = 4096; // longest output side, to bound memory

/** Output size with the longest side `longest` (capped at MAX_OUTPUT), aspect kept. */
function fitSize(w, h, longest) {
  const s = Math.min(longest, MAX_OUTPUT) / Math.max(w, h);
  return [Math.max(1, Math.round(w * s)), Math.max(1, Math.round(h * s))];
}

/** Parses '#RRGGBB', '#RGB', '0xRRGGBB' or 'RRGGBB'; null when malformed. */
function parseColor(color) {
  let s = String(color ?? '').trim().replace(/^(#|0x)/i, '');
  if (/^[0-9a-f]{3}$/i.test(s)) s = s.replace(/./g, '$&$&');
  if (!/^[0-9a-f]{6}$/i.test(s)) return null;
  const n = parseInt(s, 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function assertImage(image) {
  const ok = (v) => Number.isFinite(v) && v >= 1;
  if (!image || !ok(image.width) || !ok(image.height)) throw new RangeError('image width and height must be >= 1');
}

/**
 * Renders a whole-slide thumbnail whose longest side is `maxSize` (capped at 4096).
 * @param {{id?: number, width: number, height: number, seed?: number|string}} image
 * @param {{maxSize?: number, format?: string}} [options]
 * @returns {{buffer: Buffer, contentType: string}}
 */
export function renderThumbnail(image, { maxSize = 512, format = 'png' } = {}) {
  assertImage(image);
  const [outW, outH] = fitSize(image.width, image.height, Math.max(1, Math.round(maxSize)));
  return encode(renderRegion(image, 0, 0, image.width, image.height, outW, outH), outW, outH, format);
}

// ---------------------------------------------------------------------------
// Crops.

/** Integer slide region around the geometry: enlarged, squared, clamped to the slide. */
function cropRegion(image, geometry, increaseArea, square) {
  const env = envelope(geometry);
  if (!env) throw new GeometryError('Cannot crop an empty geometry');
  const cx = (env.minX + env.maxX) / 2, cy = (env.minY + env.maxY) / 2;
  let w = env.maxX - env.minX, h = env.maxY - env.minY;
  if (w === 0 && h === 0) w = h = 100; // points get a fixed box, like the server
  const k = Number.isFinite(increaseArea) && increaseArea > 0 ? increaseArea : 1;
  w = Math.max(1, w * k);
  h = Math.max(1, h * k);
  if (square) w = h = Math.max(w, h);
  const span = (c, size, limit) => {
    let a = Math.max(0, Math.floor(c - size / 2)), b = Math.min(limit, Math.ceil(c + size / 2));
    if (b - a < 1) { a = Math.min(Math.max(0, Math.floor(c)), limit - 1); b = a + 1; }
    return [a, b - a];
  };
  const [x, rw] = span(cx, w, image.width);
  const [y, rh] = span(cy, h, image.height);
  return { x, y, w: rw, h: rh };
}

/** Disc of pixel offsets for a brush of the given thickness. */
function brush(thickness) {
  const r = Math.max(0.5, thickness / 2), ri = Math.ceil(r), offs = [];
  for (let dy = -ri; dy <= ri; dy++) for (let dx = -ri; dx <= ri; dx++) if (dx * dx + dy * dy <= r * r) offs.push([dx, dy]);
  return offs.length ? offs : [[0, 0]];
}

/** Position sequences (rings, lines or the point list) of a geometry. */
function sequences(g) {
  const c = g.coordinates;
  switch (g.type) {
    case 'Point': return c.length ? [[c]] : [];
    case 'LineString': case 'MultiPoint': return [c];
    case 'Polygon': case 'MultiLineString': return c;
    default: return c.flat();
  }
}

function stamp(rgba, w, h, x, y, offs, rgb) {
  for (const [dx, dy] of offs) {
    const px = x + dx, py = y + dy;
    if (px < 0 || py < 0 || px >= w || py >= h) continue;
    const o = (py * w + px) * 4;
    rgba[o] = rgb[0]; rgba[o + 1] = rgb[1]; rgba[o + 2] = rgb[2];
  }
}

/** Strokes the outline (or marks the points) of a pixel-space geometry. */
function drawOutline(rgba, w, h, g, rgb, thickness) {
  const offs = brush(thickness);
  const isPoints = g.type === 'Point' || g.type === 'MultiPoint';
  for (const ps of sequences(g)) {
    if (isPoints) {
      const mark = brush(Math.max(6, thickness * 3));
      for (const p of ps) stamp(rgba, w, h, Math.floor(p[0]), Math.floor(p[1]), mark, rgb);
      continue;
    }
    for (let i = 1; i < ps.length; i++) {
      const [x0, y0] = ps[i - 1], [x1, y1] = ps[i];
      const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2) + 1;
      for (let s = 0; s <= steps; s++) {
        const t = s / steps;
        stamp(rgba, w, h, Math.floor(x0 + t * (x1 - x0)), Math.floor(y0 + t * (y1 - y0)), offs, rgb);
      }
    }
  }
}

/** Sets alpha to 0 outside the polygon(s) (even-odd scanline fill at pixel centres). */
function applyAlphaMask(rgba, w, h, g) {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  const xs = [];
  for (let j = 0; j < h; j++) {
    const yc = j + 0.5;
    xs.length = 0;
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [xa, ya] = ring[i - 1], [xb, yb] = ring[i];
        if ((ya > yc) !== (yb > yc)) xs.push(xa + ((yc - ya) * (xb - xa)) / (yb - ya));
      }
    }
    xs.sort((a, b) => a - b);
    let k = 0, inside = false;
    for (let i = 0; i < w; i++) {
      const xc = i + 0.5;
      while (k < xs.length && xs[k] <= xc) { inside = !inside; k++; }
      if (!inside) rgba[(j * w + i) * 4 + 3] = 0;
    }
  }
}

/**
 * Renders the slide region around a geometry (Cytomine coordinates, y up; its envelope, enlarged by `increaseArea`,
 * squared if asked, clamped to the slide). Longest side = `maxSize`, else the region
 * size capped at 512 (4096 at most). `draw` strokes the outline; `alphaMask` (PNG only, polygons)
 * makes pixels outside the polygon transparent. Formats: png, jpg/jpeg; webp is served
 * as PNG and unknown formats as JPEG (see contentType).
 * @param {{id?: number, width: number, height: number, seed?: number|string}} image
 * @param {{type: string, coordinates: Array}} geometry slide pixel coordinates
 * @param {{maxSize?: number|null, format?: string, draw?: boolean, color?: string,
 *   thickness?: number, increaseArea?: number, square?: boolean, alphaMask?: boolean}} [options]
 * @returns {{buffer: Buffer, contentType: string}}
 */
export function renderCrop(image, geometry, {
  maxSize = null, format = 'png', draw = false, color = '#00FF00', thickness = 2,
  increaseArea = 1, square = false, alphaMask = false,
} = {}) {
  assertImage(image);
  const rows = translateScale(geometry, (x, y) => [x, image.height - y]); // Cytomine's y points up
  const r = cropRegion(image, rows, Number(increaseArea), square);
  const longest = maxSize > 0 ? Math.round(maxSize) : Math.min(512, Math.max(r.w, r.h));
  const [outW, outH] = fitSize(r.w, r.h, longest);
  const rgba = renderRegion(image, r.x, r.y, r.w, r.h, outW, outH);
  const sx = outW / r.w, sy = outH / r.h;
  const local = translateScale(rows, (x, y) => [(x - r.x) * sx, (y - r.y) * sy]);
  if (draw) drawOutline(rgba, outW, outH, local, parseColor(color) ?? [0, 255, 0], Number(thickness) || 2);
  const png = normaliseFormat(format) === 'png';
  if (alphaMask && png && (local.type === 'Polygon' || local.type === 'MultiPolygon')) applyAlphaMask(rgba, outW, outH, local);
  return encode(rgba, outW, outH, format);
}

// ---------------------------------------------------------------------------
// Viewer tiles (core's `normalized-tile`, served by PIMS).

/**
 * Number of zoom levels above the full resolution: halvings of width and height until both
 * fit in one tile (the `zoom` field of images, contract §3.5).
 */
export function maxZoomOf(width, height, tileSize = 256) {
  let z = 0;
  for (let w = width, h = height; w > tileSize || h > tileSize; z++) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
  }
  return z;
}

/**
 * The tile grid of a level: `zoom` 0 shows the whole slide in one tile, `maxZoomOf()` is the
 * full resolution (the numbering of Cytomine's web UI, whose OpenLayers grid has
 * resolutions 2^maxZoom ... 1). Tiles count from the top-left corner; edge tiles are
 * smaller than `tileSize`. Null when `zoom` is outside the pyramid.
 */
export function tileGrid(image, zoom, tileSize = 256) {
  assertImage(image);
  const maxZoom = maxZoomOf(image.width, image.height, tileSize);
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > maxZoom) return null;
  const downsample = 2 ** (maxZoom - zoom);
  const width = Math.ceil(image.width / downsample), height = Math.ceil(image.height / downsample);
  return { maxZoom, downsample, width, height, columns: Math.ceil(width / tileSize), rows: Math.ceil(height / tileSize) };
}

/**
 * Renders tile (tx, ty) of level `zoom` (see tileGrid). Throws a RangeError naming the
 * bound when the tile is outside the pyramid.
 * @param {{id?: number, width: number, height: number, seed?: number|string}} image
 * @param {{zoom: number, tx: number, ty: number, tileSize?: number, format?: string}} tile
 * @returns {{buffer: Buffer, contentType: string}}
 */
export function renderTile(image, { zoom, tx, ty, tileSize = 256, format = 'jpg' }) {
  const grid = tileGrid(image, zoom, tileSize);
  if (!grid) throw new RangeError(`zoom must be an integer between 0 and ${maxZoomOf(image.width, image.height, tileSize)}`);
  if (!Number.isInteger(tx) || tx < 0 || tx >= grid.columns) throw new RangeError(`tx must be an integer between 0 and ${grid.columns - 1} at zoom ${zoom}`);
  if (!Number.isInteger(ty) || ty < 0 || ty >= grid.rows) throw new RangeError(`ty must be an integer between 0 and ${grid.rows - 1} at zoom ${zoom}`);
  const outW = Math.min(tileSize, grid.width - tx * tileSize), outH = Math.min(tileSize, grid.height - ty * tileSize);
  // The level is ceil(size / downsample) pixels wide, so the last column and row cover the
  // rest of the slide (slightly less than tileSize * downsample).
  const x0 = tx * tileSize * grid.downsample, y0 = ty * tileSize * grid.downsample;
  const w = Math.min(outW * grid.downsample, image.width - x0), h = Math.min(outH * grid.downsample, image.height - y0);
  const rgba = renderRegion(image, x0, y0, w, h, outW, outH);
  return encode(rgba, outW, outH, format);
}
