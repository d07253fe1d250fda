// Tests for emulator/render.mjs: node --test tests/emulator/render.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import jpeg from 'jpeg-js';
import { renderThumbnail, renderCrop, encodePng } from '../../emulator/render.mjs';
import { parseWkt } from '../../emulator/geometry.mjs';

const SLIDE = { id: 7, width: 40000, height: 30000, seed: 42 };
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** CRC-32 (PNG / zlib polynomial), independent of the module under test. */
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** Splits a PNG into chunks, checking signature and CRCs. */
function pngChunks(buf) {
  assert.deepEqual(buf.subarray(0, 8), SIGNATURE);
  const chunks = [];
  for (let o = 8; o < buf.length;) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    assert.equal(buf.readUInt32BE(o + 8 + len), crc32(buf.subarray(o + 4, o + 8 + len)), `CRC of ${type}`);
    chunks.push({ type, data });
    o += 12 + len;
  }
  return chunks;
}

/** Minimal decoder for the encoder's output (RGBA 8-bit, filter 0 rows). */
function decodePng(buf) {
  const chunks = pngChunks(buf);
  assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0), height = ihdr.readUInt32BE(4);
  assert.deepEqual([...ihdr.subarray(8)], [8, 6, 0, 0, 0]);
  const raw = zlib.inflateSync(chunks[1].data);
  const stride = width * 4;
  assert.equal(raw.length, (stride + 1) * height);
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (stride + 1)], 0, 'filter type');
    raw.copy(data, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, data };
}

const pixel = (img, x, y) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];
const isWhite = ([r, g, b]) => r >= 235 && g >= 235 && b >= 235;

function timeIt(fn, runs = 5) {
  fn(); // warm-up
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - t) / runs;
}

test('encodePng writes a decodable RGBA PNG', () => {
  const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const png = encodePng(rgba, 3, 2);
  const img = decodePng(png);
  assert.equal(img.width, 3);
  assert.equal(img.height, 2);
  assert.deepEqual([...img.data], [...rgba]);
  assert.throws(() => encodePng(rgba, 4, 2), RangeError);
});

test('thumbnail: PNG size and aspect', () => {
  const { buffer, contentType } = renderThumbnail(SLIDE);
  assert.equal(contentType, 'image/png');
  assert.deepEqual(buffer.subarray(0, 8), SIGNATURE);
  assert.equal(buffer.readUInt32BE(16), 512); // IHDR width
  assert.equal(buffer.readUInt32BE(20), 384); // IHDR height
  const tall = decodePng(renderThumbnail({ id: 2, width: 1000, height: 3000 }, { maxSize: 256 }).buffer);
  assert.deepEqual([tall.width, tall.height], [85, 256]);
  const tiny = decodePng(renderThumbnail({ id: 3, width: 300, height: 200 }, { maxSize: 600 }).buffer);
  assert.deepEqual([tiny.width, tiny.height], [600, 400]);
});

test('thumbnail: JPEG decodes with jpeg-js to the right size', () => {
  for (const format of ['jpg', 'jpeg', 'tiff']) {
    const { buffer, contentType } = renderThumbnail(SLIDE, { maxSize: 300, format });
    assert.equal(contentType, 'image/jpeg');
    assert.deepEqual([...buffer.subarray(0, 2)], [0xff, 0xd8]);
    const img = jpeg.decode(buffer, { useTArray: true });
    assert.deepEqual([img.width, img.height], [300, 225]);
  }
  assert.equal(renderThumbnail(SLIDE, { maxSize: 64, format: 'webp' }).contentType, 'image/png');
});

test('thumbnail looks like H&E: pink/purple tissue on a white background', () => {
  for (const seed of [42, 1, 2, 'abc', 99999]) {
    const img = decodePng(renderThumbnail({ ...SLIDE, seed }, { maxSize: 256 }).buffer);
    let tissue = 0, pinkish = 0, border = 0, borderWhite = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const p = pixel(img, x, y);
        assert.equal(p[3], 255);
        const edge = x < 8 || y < 8 || x >= img.width - 8 || y >= img.height - 8;
        if (edge) { border++; if (isWhite(p)) borderWhite++; }
        if (Math.min(p[0], p[1], p[2]) < 220) { tissue++; if (p[0] > p[1] && p[2] > p[1]) pinkish++; }
      }
    }
    const total = img.width * img.height;
    assert.ok(tissue > 0.15 * total && tissue < 0.85 * total, `seed ${seed}: tissue fraction ${tissue / total}`);
    assert.ok(pinkish > 0.98 * tissue, `seed ${seed}: pink/purple ${pinkish}/${tissue}`);
    assert.ok(borderWhite > 0.9 * border, `seed ${seed}: white border ${borderWhite}/${border}`);
  }
});

test('full-resolution crop shows eosin and hematoxylin nuclei', () => {
  // Search the thumbnail for a tissue pixel, then crop around it at full resolution.
  const thumb = decodePng(renderThumbnail(SLIDE, { maxSize: 200 }).buffer);
  const scale = SLIDE.width / thumb.width;
  let spot = null;
  for (let y = 60; y < thumb.height && !spot; y++) {
    for (let x = 60; x < thumb.width && !spot; x++) {
      if (pixel(thumb, x, y)[1] < 200) spot = [(x + 0.5) * scale, (y + 0.5) * scale];
    }
  }
  assert.ok(spot, 'tissue found');
  const [cx, cy] = spot;
  const g = parseWkt(`POLYGON ((${cx - 128} ${cy - 128}, ${cx + 128} ${cy - 128}, ${cx + 128} ${cy + 128}, ${cx - 128} ${cy - 128}))`);
  const img = decodePng(renderCrop(SLIDE, g, { square: true }).buffer);
  assert.deepEqual([img.width, img.height], [256, 256]);
  let r = 0, gSum = 0, nuclei = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    r += img.data[i];
    gSum += img.data[i + 1];
    const [pr, pg, pb] = img.data.subarray(i, i + 3);
    if (pb > pr && pr > pg && pr < 150) nuclei++; // dark blue-purple
  }
  assert.ok(r > gSum * 1.1, 'red dominates green (eosin)');
  assert.ok(nuclei > 50, `nuclei pixels: ${nuclei}`);
});

test('rendering is deterministic and seed-dependent', () => {
  const a = renderThumbnail(SLIDE, { maxSize: 128 }).buffer;
  const b = renderThumbnail({ ...SLIDE }, { maxSize: 128 }).buffer;
  assert.ok(a.equals(b));
  assert.ok(!a.equals(renderThumbnail({ ...SLIDE, seed: 43 }, { maxSize: 128 }).buffer));
  assert.ok(!a.equals(renderThumbnail({ id: 7, width: 40000, height: 30000 }, { maxSize: 128 }).buffer));
  const g = parseWkt('POLYGON ((20000 15000, 20300 15000, 20300 15200, 20000 15000))');
  const c1 = renderCrop(SLIDE, g, { draw: true }).buffer;
  const c2 = renderCrop(SLIDE, parseWkt('POLYGON ((20000 15000, 20300 15000, 20300 15200, 20000 15000))'), { draw: true }).buffer;
  assert.ok(c1.equals(c2));
  const j1 = renderCrop(SLIDE, g, { format: 'jpg' }).buffer;
  assert.ok(j1.equals(renderCrop(SLIDE, g, { format: 'jpg' }).buffer));
});

test('crops are a function of slide coordinates (match the thumbnail)', () => {
  const thumb = decodePng(renderThumbnail(SLIDE, { maxSize: 512 }).buffer);
  // Whole-slide crop == thumbnail.
  const whole = parseWkt(`POLYGON ((0 0, 40000 0, 40000 30000, 0 30000, 0 0))`);
  const all = decodePng(renderCrop(SLIDE, whole, { maxSize: 512 }).buffer);
  assert.ok(all.data.equals(thumb.data));
  // Lower-right quarter at the same footprint == that quarter of the thumbnail (up to rounding).
  // Cytomine's y axis points up: the lower half is y 0..15000.
  const quarter = parseWkt('POLYGON ((20000 0, 40000 0, 40000 15000, 20000 15000, 20000 0))');
  const q = decodePng(renderCrop(SLIDE, quarter, { maxSize: 256 }).buffer);
  assert.deepEqual([q.width, q.height], [256, 192]);
  let same = 0;
  for (let y = 0; y < q.height; y++) {
    for (let x = 0; x < q.width; x++) {
      const a = pixel(q, x, y), b = pixel(thumb, x + 256, y + 192);
      if (a.every((v, k) => Math.abs(v - b[k]) <= 2)) same++;
    }
  }
  assert.ok(same > 0.99 * q.width * q.height, `${same} matching pixels`);
});

test('crop sizes: maxSize, default cap, increaseArea, square, points, clamping', () => {
  const size = (geometry, opts) => { const i = decodePng(renderCrop(SLIDE, parseWkt(geometry), opts).buffer); return [i.width, i.height]; };
  const rect = 'POLYGON ((1000 1000, 1100 1000, 1100 1050, 1000 1050, 1000 1000))';
  assert.deepEqual(size(rect), [100, 50]);
  assert.deepEqual(size(rect, { maxSize: 256 }), [256, 128]);
  assert.deepEqual(size(rect, { increaseArea: 2 }), [200, 100]);
  assert.deepEqual(size(rect, { square: true }), [100, 100]);
  assert.deepEqual(size('POLYGON ((0 0, 2000 0, 2000 1000, 0 1000, 0 0))'), [512, 256]);
  assert.deepEqual(size('POINT (5000 5000)'), [100, 100]);
  assert.deepEqual(size('POINT (0 0)'), [50, 50]); // clamped to the slide
  assert.deepEqual(size('POLYGON ((-100 0, 100 0, 100 100, -100 100, -100 0))'), [100, 100]);
  assert.deepEqual(size('LINESTRING (100 100, 300 100)', { maxSize: 64 }), [64, 1]);
});

test('draw strokes the outline in the requested colour', () => {
  const g = parseWkt('POLYGON ((5000 5000, 5200 5000, 5100 5150, 5000 5000))');
  const count = (img, rgb) => {
    let n = 0;
    for (let i = 0; i < img.data.length; i += 4) if (img.data[i] === rgb[0] && img.data[i + 1] === rgb[1] && img.data[i + 2] === rgb[2]) n++;
    return n;
  };
  const plain = decodePng(renderCrop(SLIDE, g).buffer);
  const red = decodePng(renderCrop(SLIDE, g, { draw: true, color: '#FF0000', thickness: 3 }).buffer);
  const green = decodePng(renderCrop(SLIDE, g, { draw: true }).buffer);
  assert.equal(count(plain, [255, 0, 0]), 0);
  assert.ok(count(red, [255, 0, 0]) > 400, 'red outline');
  assert.ok(count(green, [0, 255, 0]) > 300, 'default green outline');
  assert.equal(count(decodePng(renderCrop(SLIDE, g, { draw: true, color: '0x0000ff' }).buffer), [0, 0, 255]) > 300, true);
  // Cytomine's y points up: vertex (5000,5000), the lowest y, is the crop's bottom-left pixel.
  assert.equal(pixel(red, 0, red.height - 1)[0], 255);
});

test('alphaMask makes pixels outside a triangle transparent (PNG only)', () => {
  const tri = parseWkt('POLYGON ((5000 5000, 5200 5000, 5000 5200, 5000 5000))');
  const img = decodePng(renderCrop(SLIDE, tri, { alphaMask: true }).buffer);
  assert.deepEqual([img.width, img.height], [200, 200]);
  // y up: the triangle is the crop's lower-left half (below the diagonal from top-left to bottom-right).
  assert.equal(pixel(img, 199, 0)[3], 0); // outside corner (top-right)
  assert.equal(pixel(img, 150, 50)[3], 0);
  assert.equal(pixel(img, 20, 180)[3], 255); // inside
  assert.equal(pixel(img, 50, 100)[3], 255);
  let transparent = 0;
  for (let i = 3; i < img.data.length; i += 4) if (img.data[i] === 0) transparent++;
  const frac = transparent / (200 * 200);
  assert.ok(Math.abs(frac - 0.5) < 0.02, `transparent fraction ${frac}`);
  // Holes are transparent too.
  const holed = parseWkt('POLYGON ((5000 5000, 5200 5000, 5200 5200, 5000 5200, 5000 5000), (5050 5050, 5150 5050, 5150 5150, 5050 5150, 5050 5050))');
  const h = decodePng(renderCrop(SLIDE, holed, { alphaMask: true }).buffer);
  assert.equal(pixel(h, 100, 100)[3], 0);
  assert.equal(pixel(h, 20, 100)[3], 255);
  // JPEG ignores alphaMask; webp is served as PNG with the mask.
  assert.equal(renderCrop(SLIDE, tri, { alphaMask: true, format: 'jpg' }).contentType, 'image/jpeg');
  const w = renderCrop(SLIDE, tri, { alphaMask: true, format: 'webp' });
  assert.equal(w.contentType, 'image/png');
  assert.equal(pixel(decodePng(w.buffer), 199, 0)[3], 0);
});

test('bad inputs', () => {
  assert.throws(() => renderThumbnail({ id: 1, width: 0, height: 10 }), RangeError);
  assert.throws(() => renderCrop(SLIDE, parseWkt('POLYGON EMPTY')), { name: 'GeometryError' });
  // Geometry outside the slide still yields a (clamped) picture.
  const out = decodePng(renderCrop(SLIDE, parseWkt('POINT (50000 50000)')).buffer);
  assert.ok(out.width >= 1 && out.height >= 1);
});

test('render timings (smoke check)', () => {
  const g = parseWkt('POLYGON ((20000 15000, 20256 15000, 20256 15256, 20000 15256, 20000 15000))');
  const crop = timeIt(() => renderCrop(SLIDE, g));
  const cropJpg = timeIt(() => renderCrop(SLIDE, g, { format: 'jpg' }));
  const thumb = timeIt(() => renderThumbnail(SLIDE));
  const thumbJpg = timeIt(() => renderThumbnail(SLIDE, { format: 'jpg' }));
  console.log(`render timings: crop 256 png ${crop.toFixed(1)} ms, jpg ${cropJpg.toFixed(1)} ms; `
    + `thumbnail 512 png ${thumb.toFixed(1)} ms, jpg ${thumbJpg.toFixed(1)} ms`);
  assert.ok(crop < 200 && thumb < 400, 'generous bounds');
});
