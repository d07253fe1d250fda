// Faults against the emulator: 502/503, reset connections and truncated bodies on 20% of the
// requests, plus latency. Reads are retried and lose nothing; writes are never retried, so
// nothing is created twice, and every failure says whether it may have been applied.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { Cytomine, CytomineError } from '../../js/index.js';

let server;
let cytomine;
let project;
let image;

before(async () => {
  server = await start({ dataset: 'large', faultRate: 0.2, faultSeed: 11, latencyMs: 5 });
  const alice = server.credentials.find((c) => c.username === 'alice');
  cytomine = new Cytomine(server.url, { publicKey: alice.publicKey, privateKey: alice.privateKey, retries: 8, retryDelayMs: 2 });
  project = server.state.all('project').find((p) => p.name === 'Benchmark-Large');
  image = server.state.all('imageinstance').find((i) => i.project === project.id);
});

after(() => server?.close());

test('fetchAll under faults returns exactly the server set, in order', async () => {
  const { AnnotationCollection } = cytomine.models;
  const users = server.state.all('user').filter((u) => u.username === 'alice' || u.username === 'bob').map((u) => u.id);
  const expected = server.state
    .all('annotation')
    .filter((a) => a.image === image.id && users.includes(a.user))
    .map((a) => a.id)
    .sort((a, b) => b - a);
  assert.ok(expected.length >= 5000, `only ${expected.length} annotations`);
  const faultsBefore = server.faults.length;
  const annotations = new AnnotationCollection({ project: project.id, image: image.id, users, showTerm: true, nbPerPage: 100 });
  await annotations.fetchAll();
  assert.equal(annotations.length, expected.length);
  assert.deepEqual(annotations.array.map((a) => a.id), expected);
  const injected = server.faults.slice(faultsBefore);
  const kinds = new Set(injected.map((f) => f.kind));
  assert.ok(injected.length >= 3, `only ${injected.length} faults injected`);
  console.log(`# ${expected.length} annotations through ${injected.length} injected faults (${[...kinds].join(', ')})`);
});

test('500 creations under faults: no duplicate, nothing lost, failures say they may have been applied', async () => {
  const { Annotation } = cytomine.models;
  const square = (i) => {
    const x = 1000 + (i % 25) * 400;
    const y = 1000 + Math.floor(i / 25) * 400;
    return `POLYGON ((${x} ${y}, ${x + 100} ${y}, ${x + 100} ${y + 100}, ${x} ${y + 100}, ${x} ${y}))`;
  };
  const outcomes = [];
  const queue = Array.from({ length: 500 }, (_, i) => i);
  const worker = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const location = square(i);
      try {
        const created = await new Annotation({ image: image.id, location }).save();
        outcomes.push({ location, id: created.id });
      } catch (error) {
        outcomes.push({ location, error });
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));

  const byLocation = new Map();
  for (const a of server.state.all('annotation')) {
    if (a.image === image.id) byLocation.set(a.location, [...(byLocation.get(a.location) ?? []), a.id]);
  }
  let failures = 0;
  let appliedDespiteError = 0;
  for (const outcome of outcomes) {
    const onServer = byLocation.get(outcome.location) ?? [];
    assert.ok(onServer.length <= 1, `${outcome.location} created ${onServer.length} times: a POST was retried`);
    if (outcome.error) {
      failures++;
      assert.ok(outcome.error instanceof CytomineError, String(outcome.error));
      if (onServer.length === 1) {
        appliedDespiteError++;
        assert.equal(outcome.error.mayHaveReachedServer, true, `applied but reported as not reaching the server: ${outcome.error.message}`);
      }
    } else {
      assert.deepEqual(onServer, [outcome.id], `reported created as ${outcome.id} but the server has ${onServer}`);
    }
  }
  assert.equal(outcomes.length, 500);
  assert.ok(failures >= 20, `only ${failures} failures at a 20% fault rate`);
  assert.ok(appliedDespiteError >= 1, 'no fault hit after the server applied a creation: the check above proved nothing');
  const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/annotation.json').length;
  assert.equal(posts, 500, 'the server saw more POSTs than creations');
  console.log(`# 500 creations: ${500 - failures} ok, ${failures} failed (${appliedDespiteError} of them applied, all flagged mayHaveReachedServer)`);
});

test('aborting fetchAll cancels every request in flight and sends no more', async () => {
  const slow = await start({ dataset: 'large', latencyMs: 300 });
  const realFetch = globalThis.fetch;
  const calls = [];
  // Count what the client sends, and how each fetch ends, on the client side.
  globalThis.fetch = (url, init) => {
    const call = { url: String(url), outcome: 'pending' };
    calls.push(call);
    return realFetch(url, init).then(
      (r) => ((call.outcome = 'answered'), r),
      (e) => ((call.outcome = e.name), Promise.reject(e)),
    );
  };
  try {
    const alice = slow.credentials.find((c) => c.username === 'alice');
    // The generation is given, so that no detection probe is among the counted requests.
    const c = new Cytomine(slow.url, { publicKey: alice.publicKey, privateKey: alice.privateKey, core: slow.core });
    const p = slow.state.all('project').find((x) => x.name === 'Benchmark-Large');
    const controller = new AbortController();
    const pending = new c.models.AnnotationCollection({ project: p.id, nbPerPage: 1000 }).fetchAll({ signal: controller.signal, concurrency: 4 });
    while (calls.length < 5) await new Promise((r) => setTimeout(r, 10)); // first page done, 4 pages in flight
    controller.abort();
    await assert.rejects(pending, (e) => e instanceof CytomineError && e.kind === 'aborted');
    const sent = calls.length;
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(calls.length, sent, 'requests were sent after the abort');
    assert.equal(sent, 5);
    assert.equal(calls[0].outcome, 'answered');
    assert.deepEqual(calls.slice(1).map((x) => x.outcome), ['AbortError', 'AbortError', 'AbortError', 'AbortError']);
  } finally {
    globalThis.fetch = realFetch;
    await slow.close();
  }
});
