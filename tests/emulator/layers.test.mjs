// App Engine results as today's core lists them (AnnotationLayerController): the annotation layers
// of an image, a layer's annotations (`location`: the WKT's UTF-8 bytes, base64) and its task-run
// layer; the demo dataset has one nuclei-detection run on PANC-Biopsies' first image. Not in the
// annotation search. Core 5.2's entity JSON for these paths is not established: not emulated (404).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { api, getJson, projectByName } from './helpers.mjs';
import { layerName } from '../../emulator/datasets/task-runs.mjs';
import { parseWkt, isValidGeometry } from '../../emulator/geometry.mjs';

let emu;
let panc;
let images;
before(async () => {
  emu = await start({ dataset: 'demo', core: '2026' });
  panc = projectByName(emu, 'PANC-Biopsies');
  images = emu.state.imagesOfProject(panc.id).sort((a, b) => a.id - b.id);
});
after(async () => { await emu.close(); });

test('core\'s layer name: "<task> (<version>) - yyyy-MM-dd HH:mm:ss"', () => {
  assert.equal(layerName('nuclei-detection', '1.2.0', Date.UTC(2026, 1, 2, 9, 30, 5)), 'nuclei-detection (1.2.0) - 2026-02-02 09:30:05');
});

test('the annotation layers of an image, its annotations (WKT bytes in base64) and its task-run layer', async () => {
  const s = emu.state;
  const trl = s.all('taskrunlayer');
  assert.equal(trl.length, 1);
  const image = s.get('imageinstance', trl[0].image);
  assert.equal(image.project, panc.id);
  const layers = await getJson(emu, 'alice', `/api/image-instances/${image.id}/annotation-layers`);
  assert.deepEqual(layers, [{ id: trl[0].layer, name: 'nuclei-detection (1.2.0) - 2026-02-02 09:30:05' }]);
  const listed = await getJson(emu, 'alice', `/api/annotation-layers/${layers[0].id}/annotations`);
  const stored = s.all('layerannotation').filter((a) => a.layer === layers[0].id);
  assert.equal(stored.length, 60);
  assert.deepEqual(listed.map((a) => a.id).sort((x, y) => x - y), stored.map((a) => a.id).sort((x, y) => x - y));
  for (const a of listed) {
    assert.deepEqual(Object.keys(a), ['id', 'annotationLayer', 'location']);
    assert.equal(a.annotationLayer, layers[0].id);
    const wkt = Buffer.from(a.location, 'base64').toString('utf8');
    assert.equal(wkt, s.get('layerannotation', a.id).location);
    const env = parseWkt(wkt);
    assert.ok(isValidGeometry(env), wkt);
  }
  assert.deepEqual(await getJson(emu, 'alice', `/api/annotation-layers/${layers[0].id}/task-run-layer`), { annotationLayer: layers[0].id, taskRun: trl[0].taskRun, image: image.id });
  // not UserAnnotations: the annotation search of the image does not list them
  const searched = await getJson(emu, 'alice', `/api/annotation/search.json?image=${image.id}`);
  const layerIds = new Set(stored.map((a) => a.id));
  assert.ok(searched.collection.length > 0 && !searched.collection.some((a) => layerIds.has(a.id)));
});

test('another image of the project lists the project\'s latest task-run layer too (core\'s quirk); other projects none', async () => {
  const s = emu.state;
  const layer = s.all('taskrunlayer')[0].layer;
  const other = images.find((ii) => ii.id !== s.all('taskrunlayer')[0].image);
  assert.deepEqual((await getJson(emu, 'alice', `/api/image-instances/${other.id}/annotation-layers`)).map((l) => l.id), [layer]);
  const elsewhere = emu.state.imagesOfProject(projectByName(emu, 'PROSTATE-Gleason').id)[0];
  assert.deepEqual(await getJson(emu, 'alice', `/api/image-instances/${elsewhere.id}/annotation-layers`), []);
});

test('errors: unknown layer 404 "AnnotationLayer <id> not found", "TaskRunLayer <id> not found"; unknown image 500', async () => {
  const r = await api(emu, 'alice', 'GET', '/api/annotation-layers/999999999/annotations');
  assert.equal(r.status, 404);
  assert.match(r.text, /AnnotationLayer 999999999 not found/);
  const t = await api(emu, 'alice', 'GET', '/api/annotation-layers/999999999/task-run-layer');
  assert.equal(t.status, 404);
  assert.match(t.text, /TaskRunLayer 999999999 not found/);
  assert.equal((await api(emu, 'alice', 'GET', '/api/image-instances/999999999/annotation-layers')).status, 500);
});

test('core 5.2: not emulated (404)', async () => {
  const old = await start({ dataset: 'demo', core: '5.2' });
  try {
    const image = old.state.all('taskrunlayer')[0].image;
    assert.equal((await api(old, 'alice', 'GET', `/api/image-instances/${image}/annotation-layers`)).status, 404);
  } finally {
    await old.close();
  }
});
