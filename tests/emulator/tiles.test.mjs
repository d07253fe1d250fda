// Viewer tiles (core's `sliceinstance/{id}/normalized-tile`): grid arithmetic, pixels equal
// to crops of the same place at the same scale, HTTP contract. node --test tests/emulator/tiles.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import jpeg from 'jpeg-js';
import { start } from '../../emulator/server.mjs';
import { renderTile, renderCrop, tileGrid, maxZoomOf } from '../../emulator/render.mjs';
import { parseWkt } from '../../emulator/geometry.mjs';
import { api, raw, projectByName } from './helpers.mjs';

const SLIDE = { id: 9, width: 30000, height: 20000, seed: 7 };

/** Decoder for the emulator's PNGs (RGBA 8-bit, filter 0 rows), independent of render.mjs. */
function decodePng(buf) {
  assert.deepEqual([...buf.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  let width = 0, height = 0;
  const idat = [];
  for (let o = 8; o < buf.length;) {
    const len = buf.readUInt32BE(o), type = buf.toString('latin1', o + 4, o + 8);
    if (type === 'IHDR') { width = buf.readUInt32BE(o + 8); height = buf.readUInt32BE(o + 12); }
    if (type === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const rows = zlib.inflateSync(Buffer.concat(idat)), stride = width * 4, data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) rows.copy(data, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  return { width, height, data };
}

/** Share of pixels whose channels all differ by at most `tol`. */
function sameShare(a, b, tol = 2) {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  let same = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if ([0, 1, 2].every((k) => Math.abs(a.data[i + k] - b.data[i + k]) <= tol)) same++;
  }
  return same / (a.width * a.height);
}

/** Share of pixels that are stained tissue (clearly not white glass). */
function tissueShare(img) {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) if (Math.min(img.data[i], img.data[i + 1], img.data[i + 2]) < 200) n++;
  return n / (img.width * img.height);
}

/** The crop of the Cytomine box (y up) covering tile (zoom, tx, ty), at the tile's scale. */
function cropOfTile(image, zoom, tx, ty) {
  const g = tileGrid(image, zoom);
  const d = g.downsample, w = Math.min(256, g.width - tx * 256), h = Math.min(256, g.height - ty * 256);
  const x0 = tx * 256 * d, x1 = x0 + w * d;
  const top = image.height - ty * 256 * d, bottom = top - h * d; // rows down = Cytomine y up
  const box = parseWkt(`POLYGON ((${x0} ${bottom}, ${x1} ${bottom}, ${x1} ${top}, ${x0} ${top}, ${x0} ${bottom}))`);
  return decodePng(renderCrop(image, box, { maxSize: Math.max(w, h), format: 'png' }).buffer);
}

test('zoom numbering: 0 is the whole slide in one tile, image.zoom the full resolution', () => {
  assert.equal(maxZoomOf(30000, 20000), 7); // 30000 / 2^7 = 234.4 <= 256
  assert.equal(maxZoomOf(256, 256), 0);
  assert.equal(maxZoomOf(257, 10), 1);
  const top = tileGrid(SLIDE, 0);
  assert.deepEqual([top.columns, top.rows, top.width, top.height, top.downsample], [1, 1, 235, 157, 128]);
  const full = tileGrid(SLIDE, 7);
  assert.deepEqual([full.columns, full.rows, full.width, full.height, full.downsample], [118, 79, 30000, 20000, 1]);
  assert.equal(tileGrid(SLIDE, 8), null);
  assert.equal(tileGrid(SLIDE, -1), null);
});

test('a tile equals the crop of the same place at the same scale, at several zoom levels', () => {
  for (const [zoom, tx, ty] of [[0, 0, 0], [3, 5, 3], [5, 14, 9], [7, 60, 40], [7, 117, 78]]) {
    const tile = decodePng(renderTile(SLIDE, { zoom, tx, ty, format: 'png' }).buffer);
    const crop = cropOfTile(SLIDE, zoom, tx, ty);
    const share = sameShare(tile, crop);
    assert.ok(share > 0.99, `zoom ${zoom} (${tx}, ${ty}): ${(share * 100).toFixed(1)} % equal pixels`);
  }
});

test('tiles are tissue, not blank, and the pyramid levels agree (a parent is its children halved)', () => {
  const centre = decodePng(renderTile(SLIDE, { zoom: 5, tx: 14, ty: 9, format: 'png' }).buffer);
  assert.ok(tissueShare(centre) > 0.5, `centre tile is tissue (${tissueShare(centre)})`);
  const corner = decodePng(renderTile(SLIDE, { zoom: 5, tx: 0, ty: 0, format: 'png' }).buffer);
  assert.ok(tissueShare(corner) < 0.05, 'the slide corner is glass');
  // A level-4 tile's top-left quadrant shows the same tissue as the level-5 tile below it (mean colour).
  const parent = decodePng(renderTile(SLIDE, { zoom: 4, tx: 7, ty: 4, format: 'png' }).buffer);
  const child = decodePng(renderTile(SLIDE, { zoom: 5, tx: 14, ty: 8, format: 'png' }).buffer);
  const mean = (img, x0, y0, w, h) => {
    const m = [0, 0, 0];
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) for (let k = 0; k < 3; k++) m[k] += img.data[(y * img.width + x) * 4 + k];
    return m.map((v) => v / (w * h));
  };
  const a = mean(parent, 0, 0, 128, 128), b = mean(child, 0, 0, 256, 256);
  assert.ok(a.every((v, k) => Math.abs(v - b[k]) < 12), `mean colours ${a} vs ${b}`);
});

test('edge tiles are cropped to the slide; out-of-range tiles are refused', () => {
  const edge = decodePng(renderTile(SLIDE, { zoom: 7, tx: 117, ty: 78, format: 'png' }).buffer);
  assert.deepEqual([edge.width, edge.height], [30000 - 117 * 256, 20000 - 78 * 256]);
  assert.throws(() => renderTile(SLIDE, { zoom: 7, tx: 118, ty: 0 }), /tx must be an integer between 0 and 117 at zoom 7/);
  assert.throws(() => renderTile(SLIDE, { zoom: 7, tx: 0, ty: 79 }), /ty must be an integer between 0 and 78/);
  assert.throws(() => renderTile(SLIDE, { zoom: 8, tx: 0, ty: 0 }), /zoom must be an integer between 0 and 7/);
  assert.throws(() => renderTile(SLIDE, { zoom: 1, tx: -1, ty: 0 }), RangeError);
});

test('tile cost (smoke check; figures in the log, bench/ has the measurement)', () => {
  const perTile = (format) => {
    renderTile(SLIDE, { zoom: 7, tx: 50, ty: 30, format }); // warm-up
    const runs = 10, t = performance.now();
    for (let i = 0; i < runs; i++) renderTile(SLIDE, { zoom: 7, tx: 40 + i, ty: 30, format });
    return (performance.now() - t) / runs;
  };
  const png = perTile('png'), jpg = perTile('jpg');
  console.log(`# 256 px tile: png ${png.toFixed(1)} ms, jpg ${jpg.toFixed(1)} ms (before the server's cache)`);
  assert.ok(png < 150 && jpg < 400, `png ${png} ms, jpg ${jpg} ms per tile`); // loose: 2 shared cores
});

// --- over HTTP ---

let emu;
let image;
let slice;
before(async () => {
  emu = await start({ dataset: 'demo' });
  const p = projectByName(emu, 'PANC-Biopsies');
  image = emu.state.imagesOfProject(p.id).sort((a, b) => a.id - b.id)[0];
  slice = emu.state.slicesOfImage(image.id)[0];
});
after(async () => { await emu?.close(); });

const tilePath = (z, x, y, fmt = 'jpg', q = '') => `/api/sliceinstance/${slice.id}/normalized-tile/zoom/${z}/tx/${x}/ty/${y}.${fmt}${q}`;

test('GET normalized-tile: JPEG, PNG and WebP (as PNG) tiles, with zSlices/timepoints like the web UI sends', async () => {
  const j = await api(emu, 'alice', 'GET', tilePath(0, 0, 0, 'jpg', '?zSlices=0&timepoints=0'));
  assert.equal(j.status, 200, j.text);
  assert.equal(j.headers['content-type'], 'image/jpeg');
  const decoded = jpeg.decode(j.body, { useTArray: true });
  const info = await api(emu, 'alice', 'GET', `/api/imageinstance/${image.id}.json`);
  const { width, height, zoom, tileSize } = info.json;
  assert.equal(tileSize, 256);
  assert.deepEqual([decoded.width, decoded.height], [Math.ceil(width / 2 ** zoom), Math.ceil(height / 2 ** zoom)]);
  const p = await api(emu, 'alice', 'GET', tilePath(zoom, 0, 0, 'png'));
  assert.equal(p.headers['content-type'], 'image/png');
  assert.deepEqual([decodePng(p.body).width, decodePng(p.body).height], [256, 256]);
  const w = await api(emu, 'alice', 'GET', tilePath(zoom, 0, 0, 'webp'));
  assert.equal(w.status, 200);
});

test('tile pixels equal the annotation crop of the same region (y up) over HTTP', async () => {
  const info = (await api(emu, 'alice', 'GET', `/api/imageinstance/${image.id}.json`)).json;
  const z = info.zoom - 3, d = 8, tx = 4, ty = 3;
  const x0 = tx * 256 * d, top = info.height - ty * 256 * d;
  const location = `POLYGON ((${x0} ${top - 2048}, ${x0 + 2048} ${top - 2048}, ${x0 + 2048} ${top}, ${x0} ${top}, ${x0} ${top - 2048}))`;
  const created = await api(emu, 'alice', 'POST', '/api/annotation.json', { body: { image: image.id, location } });
  assert.equal(created.status, 200, created.text);
  const id = created.json.annotation.id;
  const crop = decodePng((await api(emu, 'alice', 'GET', `/api/annotation/${id}/crop.png?maxSize=256`)).body);
  const tile = decodePng((await api(emu, 'alice', 'GET', tilePath(z, tx, ty, 'png'))).body);
  assert.ok(sameShare(tile, crop) > 0.99);
  assert.ok(tissueShare(tile) > 0.02 || tissueShare(tile) === tissueShare(crop));
});

test('caching headers: ETag, Cache-Control, 304 on If-None-Match', async () => {
  const first = await api(emu, 'alice', 'GET', tilePath(1, 0, 0));
  assert.match(first.headers.etag, /^"[0-9a-f]+"$/);
  assert.equal(first.headers['cache-control'], 'private, max-age=3600');
  const again = await api(emu, 'alice', 'GET', tilePath(1, 0, 0), { headers: { 'If-None-Match': first.headers.etag } });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
});

test('errors: out-of-range tiles and bad formats are 400, unknown slice 404, outsiders 403, anonymous 401', async () => {
  const info = (await api(emu, 'alice', 'GET', `/api/imageinstance/${image.id}.json`)).json;
  const beyond = await api(emu, 'alice', 'GET', tilePath(info.zoom + 1, 0, 0));
  assert.equal(beyond.status, 400);
  assert.match(beyond.json.errors.message, /zoom must be an integer between 0 and/);
  const columns = Math.ceil(info.width / 256);
  assert.equal((await api(emu, 'alice', 'GET', tilePath(info.zoom, columns, 0))).status, 400);
  assert.equal((await api(emu, 'alice', 'GET', tilePath(info.zoom, columns - 1, 0))).status, 200);
  assert.equal((await api(emu, 'alice', 'GET', tilePath(0, 0, 0, 'gif'))).status, 400);
  assert.equal((await api(emu, 'alice', 'GET', tilePath(0, 0, 0, 'jpg', '?zSlices=abc'))).status, 400);
  assert.equal((await api(emu, 'alice', 'GET', `/api/sliceinstance/999999999/normalized-tile/zoom/0/tx/0/ty/0.jpg`)).status, 404);
  assert.equal((await api(emu, 'dave', 'GET', tilePath(0, 0, 0))).status, 403);
  assert.equal((await raw(emu, 'GET', tilePath(0, 0, 0))).status, 401);
});
