// Timeouts, retries and injected faults (the emulator's latency and fault injection): GET is
// retried until it succeeds, writes are never retried, and the errors say whether a write may
// have been applied.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Cytomine } from '../../js/index.js';
import { startEmulator, cred, userOf, failure, idsOf, sorted, projectsOfUser, uniqueName, CORE } from '../support/integration.mjs';

let slow; // every response delayed
let flaky; // 30% of /api requests answered with a fault
let broken; // every /api request answered with a fault

const connect = (server, options) => {
  const { publicKey, privateKey } = cred(server, 'alice');
  return new Cytomine(server.url, { publicKey, privateKey, retryDelayMs: 1, ...options });
};
const sentTo = (server, method, path) => server.requests.filter((r) => r.method === method && r.path === path).length;

before(async () => {
  [slow, flaky, broken] = await Promise.all([
    startEmulator({ latencyMs: 800 }),
    startEmulator({ faultRate: 0.3, faultSeed: 7 }),
    startEmulator({ faultRate: 1, faultSeed: 3 }),
  ]);
});
after(() => Promise.all([slow, flaky, broken].map((s) => s?.close())));

test('timeouts: GET is retried, POST is not and may have been applied', async () => {
  // generous margins: the requests must reach the emulator before the client gives up
  // The generation is given: with every answer later than the timeout, the detection probe
  // itself could only time out (and the 401 fallback never gets an answer to learn from).
  const c = connect(slow, { timeoutMs: 250, retries: 2, core: CORE });
  const panc = slow.state.all('project').find((p) => p.name === 'PANC-Biopsies');
  const path = `/api/project/${panc.id}.json`;
  const e = await failure(c.models.Project.fetch(panc.id));
  assert.equal(e.kind, 'timeout');
  assert.equal(e.status, null);
  assert.match(e.message, /no complete response within 250 ms/);
  assert.equal(sentTo(slow, 'GET', path), 3, 'one attempt and two retries');

  const name = uniqueName('timeout');
  const w = await failure(new c.models.Project({ name }).save());
  assert.equal(w.kind, 'timeout');
  assert.equal(w.mayHaveReachedServer, true);
  assert.equal(sentTo(slow, 'POST', '/api/project.json'), 1, 'never retried');
  assert.ok(slow.state.all('project').some((p) => p.name === name), 'the write was in fact applied');

  // a per-request timeout override
  const ok = await c.request('GET', 'project/{id}.json', { params: { id: panc.id }, timeoutMs: 5000 });
  assert.equal(ok.name, panc.name);
});

test('injected faults: GET lists are complete and exact thanks to retries', async () => {
  const c = connect(flaky, { retries: 8 });
  const state = flaky.state;
  const aliceId = userOf(flaky, 'alice').id;
  for (let round = 0; round < 5; round++) {
    const projects = await c.models.ProjectCollection.fetchAll({ nbPerPage: 2 });
    assert.deepEqual(sorted(idsOf(projects)), sorted(idsOf(projectsOfUser(state, aliceId))));
    for (const p of projectsOfUser(state, aliceId)) {
      const images = await c.models.ImageInstanceCollection.fetchAll({ filterKey: 'project', filterValue: p.id, nbPerPage: 2 });
      assert.deepEqual(sorted(idsOf(images)), sorted(idsOf(state.imagesOfProject(p.id))), p.name);
      const project = await c.models.Project.fetch(p.id);
      assert.equal(project.name, p.name);
    }
  }
  const gets = flaky.faults.filter((f) => f.method === 'GET');
  assert.ok(gets.length >= 10, `faults were injected (${gets.length})`);
  assert.ok(new Set(gets.map((f) => f.kind)).size >= 3, 'of several kinds');
});

test('injected faults: writes are sent once and report mayHaveReachedServer', async () => {
  const c = connect(broken, { retries: 3 });
  const kinds = new Set();
  for (let i = 0; i < 12; i++) {
    const name = uniqueName('fault');
    const before = sentTo(broken, 'POST', '/api/project.json');
    const e = await failure(new c.models.Project({ name }).save());
    assert.equal(sentTo(broken, 'POST', '/api/project.json'), before + 1, 'never retried');
    assert.equal(e.mayHaveReachedServer, true);
    assert.equal(e.method, 'POST');
    const fault = broken.faults.at(-1);
    kinds.add(fault.kind);
    const applied = broken.state.all('project').some((p) => p.name === name);
    assert.equal(applied, fault.phase === 'after', `${fault.kind}/${fault.phase}: applied only when the fault came after handling`);
    if (fault.kind === '502' || fault.kind === '503') {
      assert.equal(e.kind, 'http');
      assert.equal(e.status, Number(fault.kind));
    } else {
      assert.ok(['network', 'decode'].includes(e.kind), `${fault.kind} gives ${e.kind}`);
    }
  }
  assert.ok(kinds.size >= 3, `several fault kinds seen: ${[...kinds]}`);

  // a GET that always fails is tried 1 + retries times
  const panc = broken.state.all('project').find((p) => p.name === 'PANC-Biopsies');
  const e = await failure(c.models.Project.fetch(panc.id));
  assert.equal(sentTo(broken, 'GET', `/api/project/${panc.id}.json`), 4);
  assert.ok(['http', 'network', 'decode'].includes(e.kind));
});
