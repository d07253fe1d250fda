// AnnotationCollection.save(): bulk creation through core's JSON-array POST on annotation.json,
// in chunks, with progress and a per-item result, checked against the emulator's state (both
// generations: tests/support/integration.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Annotation, AnnotationCollection, Cytomine, CytomineError } from '../../js/index.js';
import { startEmulator, connectAs, cred, projectNamed, sorted } from '../support/integration.mjs';

let server;
let state;
let colon;
let image;
let terms;

const square = (x, y, side) => `POLYGON ((${x} ${y}, ${x + side} ${y}, ${x + side} ${y + side}, ${x} ${y + side}, ${x} ${y}))`;

before(async () => {
  server = await startEmulator();
  state = server.state;
  connectAs(server, 'alice');
  colon = projectNamed(state, 'Colon-Polyps');
  image = state.imagesOfProject(colon.id)[0];
  terms = state.termsOfOntology(colon.ontology).map((t) => t.id);
});
after(() => server?.close());

test('save() creates every new annotation in chunks, in order, with progress and ids', async () => {
  const before = new Set(state.annotationIdsOfImage(image.id));
  const collection = new AnnotationCollection({ image: image.id });
  const n = 250;
  for (let i = 0; i < n; i++) {
    collection.push(new Annotation({ location: square(10 * i, 5000, 8), image: image.id, term: [terms[i % terms.length]] }));
  }
  const progress = [];
  const result = await collection.save({ chunkSize: 100, concurrency: 2, onProgress: (p) => progress.push(p) });

  assert.equal(result.failed.length, 0);
  assert.deepEqual(result.created.map((c) => c.index), Array.from({ length: n }, (_, i) => i));
  assert.deepEqual(progress.map((p) => p.done), [100, 200, 250]);
  assert.equal(progress.length, 3, 'one call per chunk (100, 100, 50)');
  assert.deepEqual(progress.at(-1), { done: n, total: n, created: n, failed: 0 });
  const added = state.annotationIdsOfImage(image.id).filter((id) => !before.has(id));
  assert.equal(added.length, n, 'exactly one annotation per item');
  assert.deepEqual(sorted(result.created.map((c) => c.id)), sorted(added));
  for (const { index, id, annotation } of result.created) {
    assert.equal(annotation.id, id, 'the model holds its new id');
    assert.equal(annotation, collection.get(index));
    const stored = state.get('annotation', id);
    assert.equal(stored.location, square(10 * index, 5000, 8), `item ${index} got the id of its own annotation`);
    assert.deepEqual(state.termsOfAnnotation(id).map((at) => at.term), [terms[index % terms.length]]);
  }

  // Saved again: nothing is new, nothing is sent.
  const requests = server.requests.length;
  assert.deepEqual(await collection.save(), { created: [], failed: [] });
  assert.equal(server.requests.length, requests);
});

test('save() reports which items the server refused, and why; the others are created', async () => {
  const collection = new AnnotationCollection({ image: image.id });
  collection.push(new Annotation({ location: square(10, 7000, 8), image: image.id, term: [terms[0]] }));
  collection.push(new Annotation({ location: square(30, 7000, 8), image: 987654321, term: [terms[0]] })); // no such image
  collection.push(new Annotation({ location: square(50, 7000, 8), image: image.id, term: [terms[1]] }));
  const existing = new Annotation({ location: square(70, 7000, 8), image: image.id });
  await existing.save();
  collection.push(existing); // not new: not sent
  const result = await collection.save({ chunkSize: 10 });

  assert.deepEqual(result.created.map((c) => c.index), [0, 2]);
  assert.equal(state.get('annotation', result.created[0].id).location, square(10, 7000, 8));
  assert.equal(state.get('annotation', result.created[1].id).location, square(50, 7000, 8));
  assert.equal(result.failed.length, 1);
  const [refused] = result.failed;
  assert.equal(refused.index, 1);
  assert.ok(refused.error instanceof CytomineError);
  assert.equal(refused.error.status, 400);
  assert.match(refused.error.serverMessage, /987654321|image/i);
  assert.equal(collection.get(1).id, null);
  assert.equal(state.all('annotation').filter((a) => a.location === square(30, 7000, 8)).length, 0);

  // All refused: every item is reported, nothing created.
  const none = new AnnotationCollection({ image: image.id });
  none.push(new Annotation({ location: square(90, 7000, 8), image: 987654321 }));
  const allRefused = await none.save();
  assert.deepEqual(allRefused.created, []);
  assert.deepEqual(allRefused.failed.map((f) => [f.index, f.error.status]), [[0, 400]]);
});

test('save(): a lost or unreadable answer fails its whole chunk with a clear error; bad options are refused', async () => {
  const { publicKey, privateKey } = cred(server, 'alice');
  const answers = [
    () => new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    () => new Response(JSON.stringify({ data: { message: 'userannotations 1 added' }, status: 200 }), { headers: { 'content-type': 'application/json' } }),
  ];
  for (const answer of answers) {
    const c = new Cytomine(server.url, { publicKey, privateKey, retries: 0, core: server.core, fetch: async () => answer() });
    const collection = new c.models.AnnotationCollection({ image: image.id });
    for (let i = 0; i < 3; i++) collection.push(new c.models.Annotation({ location: square(10 * i, 9000, 8), image: image.id }));
    const result = await collection.save({ chunkSize: 3 }); // one id listed for three items: unreadable
    assert.deepEqual(result.created, []);
    assert.deepEqual(result.failed.map((f) => f.index), [0, 1, 2]);
    for (const f of result.failed) {
      assert.ok(f.error instanceof CytomineError);
      assert.equal(f.error.mayHaveReachedServer, true);
    }
  }
  const collection = new AnnotationCollection({ image: image.id });
  await assert.rejects(collection.save({ chunkSize: 0 }), (e) => e instanceof CytomineError && e.kind === 'invalid-argument');
  await assert.rejects(collection.save({ concurrency: 1.5 }), (e) => e instanceof CytomineError && e.kind === 'invalid-argument');
  const aborted = new AnnotationCollection({ image: image.id });
  aborted.push(new Annotation({ location: square(0, 9500, 8), image: image.id }));
  const result = await aborted.save({ signal: AbortSignal.abort() });
  assert.equal(result.failed[0].error.kind, 'aborted');
  assert.equal(state.all('annotation').filter((a) => a.location === square(0, 9500, 8)).length, 0);
});
