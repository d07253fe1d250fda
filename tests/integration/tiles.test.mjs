// Viewer tiles through the package: URL builder, tile fetches with the connection's auth (each
// tile signed with API keys, the bearer header with tokens), the OpenLayers adapters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Cytomine, ImageInstance, SliceInstance, CytomineError } from '../../js/index.js';
import { startEmulator, connectAs, projectNamed, imagesOfProject, rejectsWith } from '../support/integration.mjs';

let server;
let alice;
let image;
let slice;
before(async () => {
  server = await startEmulator();
  alice = connectAs(server, 'alice');
  Cytomine.setDefault(alice);
  const panc = projectNamed(server.state, 'PANC-Biopsies');
  image = imagesOfProject(server.state, panc.id)[0];
  slice = server.state.slicesOfImage(image.id)[0];
});
after(() => server?.close());

const isJpeg = (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9;
const isPng = (bytes) => [0x89, 0x50, 0x4e, 0x47].every((b, i) => bytes[i] === b);
const tileRequests = () => server.requests.filter((r) => r.path.includes('/normalized-tile/'));

test('tile URLs: path, plane parameters, template and OpenLayers tileUrlFunction; no credentials', async () => {
  const s = await SliceInstance.fetch(slice.id);
  const base = `${server.url}/api/sliceinstance/${slice.id}/normalized-tile`;
  assert.equal(s.tileURL(3, 4, 5), `${base}/zoom/3/tx/4/ty/5.jpg?zSlices=0&timepoints=0`);
  assert.equal(s.tileURL(0, 0, 0, { format: 'png', channels: 0 }), `${base}/zoom/0/tx/0/ty/0.png?zSlices=0&timepoints=0&channels=0`);
  assert.equal(s.tileURLTemplate(), `${base}/zoom/{z}/tx/{x}/ty/{y}.jpg?zSlices=0&timepoints=0`);
  const f = s.tileUrlFunction({ format: 'webp' });
  assert.equal(f([2, 1, 3]), `${base}/zoom/2/tx/1/ty/3.webp?zSlices=0&timepoints=0`);
  assert.equal(f(null), undefined);
  const { publicKey, privateKey } = server.credentials.find((c) => c.username === 'alice');
  for (const url of [s.tileURL(1, 0, 0), s.tileURLTemplate()]) {
    assert.ok(!url.includes(publicKey) && !url.includes(privateKey) && !/authorization/i.test(url));
  }
});

test('bad tile arguments are CytomineErrors before any request', async () => {
  const s = await SliceInstance.fetch(slice.id);
  const sent = server.requests.length;
  assert.throws(() => s.tileURL(-1, 0, 0), (e) => e instanceof CytomineError && /zoom must be a non-negative integer/.test(e.message));
  assert.throws(() => s.tileURL(1, 0.5, 0), CytomineError);
  assert.throws(() => s.tileURL(1, 0, 0, { format: 'gif' }), CytomineError);
  await assert.rejects(s.fetchTile(1, 0, 'x'), CytomineError);
  await assert.rejects(new SliceInstance({}).fetchTile(0, 0, 0), /no id/);
  assert.equal(server.requests.length, sent, 'nothing reached the server');
});

test('fetchTile with API keys: each tile signed, bytes are the image the emulator renders', async () => {
  const s = await SliceInstance.fetch(slice.id);
  const before = tileRequests().length;
  const jpg = new Uint8Array(await (await s.fetchTile(0, 0, 0)).arrayBuffer());
  assert.ok(isJpeg(jpg), 'a JPEG');
  const blob = await s.fetchTile(1, 0, 0, { format: 'png' });
  assert.equal(blob.type, 'image/png');
  assert.ok(isPng(new Uint8Array(await blob.arrayBuffer())));
  const seen = tileRequests().slice(before);
  assert.equal(seen.length, 2);
  for (const r of seen) {
    assert.equal(r.status, 200);
    assert.equal(r.auth, 'apikey');
    assert.equal(r.user, 'alice');
    assert.ok(r.headers['authorization-present']);
  }
});

test('fetchTile with a bearer token uses the Authorization header', async () => {
  const bob = new Cytomine(server.url, { token: server.issueToken('bob'), retries: 0 });
  const s = await bob.models.SliceInstance.fetch(slice.id);
  const before = tileRequests().length;
  const bytes = new Uint8Array(await (await s.fetchTile(0, 0, 0)).arrayBuffer());
  assert.ok(isJpeg(bytes));
  const [r] = tileRequests().slice(before);
  assert.equal(r.auth, 'bearer');
  assert.equal(r.user, 'bob');
  assert.ok(!/Authorization=/i.test(r.query), 'the token is not in the URL');
});

test('server errors: out-of-range tile 400, outsider 403', async () => {
  const s = await SliceInstance.fetch(slice.id);
  const ii = await ImageInstance.fetch(image.id);
  await rejectsWith(s.fetchTile(ii.zoom + 1, 0, 0), 400, /zoom must be an integer/);
  const dave = connectAs(server, 'dave');
  await rejectsWith(new dave.models.SliceInstance({ id: slice.id }).fetchTile(0, 0, 0), 403);
});

test('ImageInstance: tile grid options, tiles of the reference slice, fetchTileSource', async () => {
  const ii = await ImageInstance.fetch(image.id);
  const grid = ii.tileGridOptions();
  assert.deepEqual(grid.extent, [0, 0, image.width ?? ii.width, ii.height]);
  assert.deepEqual(grid.origin, [0, ii.height]);
  assert.deepEqual(grid.tileSize, [256, 256]);
  assert.equal(grid.resolutions.length, ii.zoom + 1);
  assert.equal(grid.resolutions[0], 2 ** ii.zoom);
  assert.equal(grid.resolutions.at(-1), 1);
  assert.ok(Math.max(ii.width, ii.height) / grid.resolutions[0] <= 256, 'zoom 0 fits one tile');
  const blob = await ii.fetchTile(0, 0, 0, { format: 'png' });
  assert.ok(isPng(new Uint8Array(await blob.arrayBuffer())));
  const source = await ii.fetchTileSource();
  assert.equal(source.slice.id, slice.id);
  assert.equal(source.url, `${server.url}/api/sliceinstance/${slice.id}/normalized-tile/zoom/{z}/tx/{x}/ty/{y}.jpg?zSlices=0&timepoints=0`);
  assert.deepEqual(source.tileGrid, grid);
  assert.ok(!Object.keys(JSON.parse(JSON.stringify(ii))).some((k) => /slice/i.test(k)), 'the cached slice is not a model field');
});

test('tileLoadFunction fills an OpenLayers-like tile with an object URL of the fetched tile, or errors it', async () => {
  const s = await SliceInstance.fetch(slice.id);
  const load = s.tileLoadFunction();
  /** The slice of OpenLayers' ImageTile that a tileLoadFunction uses. */
  const fakeTile = () => {
    const listeners = {};
    const img = { src: '', addEventListener: (type, fn) => { listeners[type] = fn; } };
    return { img, listeners, state: 1, getImage: () => img, setState(st) { this.state = st; } };
  };
  const ok = fakeTile();
  load(ok, s.tileUrlFunction()([0, 0, 0]));
  for (let i = 0; i < 100 && !ok.img.src; i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(ok.img.src, /^blob:/);
  const bytes = new Uint8Array(await (await fetch(ok.img.src)).arrayBuffer());
  assert.ok(isJpeg(bytes), 'the object URL holds the tile');
  ok.listeners.load();
  await assert.rejects(fetch(ok.img.src), 'revoked after load');
  const bad = fakeTile();
  load(bad, s.tileUrlFunction()([40, 0, 0]));
  for (let i = 0; i < 100 && bad.state !== 3; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(bad.state, 3, 'TileState.ERROR');
  assert.equal(bad.img.src, '');
  const notTile = fakeTile();
  load(notTile, 'https://example.org/other.png');
  for (let i = 0; i < 50 && notTile.state !== 3; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(notTile.state, 3);
});
