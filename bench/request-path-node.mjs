// Where the per-request time of `fetch-1000` goes in Node: one client process (as in the
// benchmark, the emulator runs in this parent process), requests interleaved one by one between
//   - bare:      undici's `request` + `text()` + `JSON.parse`, signed with node:crypto's HMAC
//                (the same headers as this package: the floor of an undici-based client),
//   - transport: the same through this package's Node transport (`js/node-fetch.js`),
//   - transport+signal: the same with a 30 s timeout per request and its AbortSignal (as the
//                package sends every attempt),
//   - request:   `cytomine.request('GET', 'project/{id}.json')` (the package's whole path, no model),
//   - model:     `Project.fetch(id)` (what `fetch-1000` times),
//   - js-client: cytomine-client 3.1.0's `Project.fetch(id)` (axios over node:http),
// then, with a `fetch` stand-in answering at once, the package's own work per request
// (`model`) against the stand-in alone (`bare`). Trimmed means (10 % each side) in µs per
// request, wall time and the client process's CPU time per request.
//   node bench/request-path-node.mjs [--n 1500]
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { start } from '../emulator/server.mjs';
import { fixtures } from './lib/fixtures.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1500' }, child: { type: 'boolean', default: false } } });

if (!values.child) {
  const emu = await start({ port: 0, dataset: 'large' });
  const fx = fixtures(emu);
  const child = fork(fileURLToPath(import.meta.url), ['--child', '--n', values.n], { execArgv: ['--expose-gc'] });
  child.send({ host: emu.url, id: fx.project.id, keys: fx.keys });
  const result = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`client exited with ${code}`)));
  });
  await emu.close();
  console.log(`µs per request (10 % trimmed means of ${values.n} interleaved rounds after 100 warm-ups; wall, then client CPU):`);
  for (const [label, rows] of Object.entries(result)) {
    console.log(`  ${label}:`);
    for (const [name, { wall, cpu }] of Object.entries(rows)) console.log(`    ${name.padEnd(10)} ${String(wall).padStart(6)} µs wall ${String(cpu).padStart(6)} µs CPU`);
  }
  process.exit(0);
}

const { host, id, keys } = await new Promise((resolve) => process.once('message', resolve));
const { createHmac } = await import('node:crypto');
const { request } = await import('undici');
const { createNodeFetch } = await import('../js/node-fetch.js');
const { Cytomine } = await import('../js/index.js');
const { loadJsClient } = await import('../tests/support/js-client.mjs');
const n = Number(values.n);
const path = `/api/project/${id}.json`;

const sign = (date) => createHmac('sha1', keys.privateKey).update(`GET\n\n\n${date}\n${path}`, 'utf8').digest('base64');
const headers = (date) => ({ accept: 'application/json, */*;q=0.5', authorization: `CYTOMINE ${keys.publicKey}:${sign(date)}`, date, datefull: date });
const nodeFetch = createNodeFetch();
const ours = new Cytomine(host, { publicKey: keys.publicKey, privateKey: keys.privateKey, core: '5.2' });
const js = await loadJsClient({ host, publicKey: keys.publicKey, privateKey: keys.privateKey });

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system; // µs
};
const trimmedMean = (v) => {
  const kept = [...v].sort((a, b) => a - b).slice(Math.floor(v.length / 10), Math.ceil((v.length * 9) / 10));
  return Math.round(kept.reduce((a, b) => a + b, 0) / kept.length);
};

async function measure(variants) {
  const entries = Object.entries(variants);
  const wall = Object.fromEntries(entries.map(([k]) => [k, []]));
  const cpu = Object.fromEntries(entries.map(([k]) => [k, []]));
  for (let i = 0; i < n + 100; i++) {
    if (i % 200 === 0) globalThis.gc?.();
    // Each round starts with the next variant: no variant always follows the same one.
    const first = i % entries.length;
    for (const [name, run] of [...entries.slice(first), ...entries.slice(0, first)]) {
      const c0 = cpuNow();
      const t0 = performance.now();
      const project = await run();
      const t1 = performance.now();
      const c1 = cpuNow();
      if (project.id !== id) throw new Error(`${name}: wrong answer`);
      if (i >= 100) {
        wall[name].push((t1 - t0) * 1000);
        cpu[name].push(c1 - c0);
      }
    }
  }
  return Object.fromEntries(entries.map(([k]) => [k, { wall: trimmedMean(wall[k]), cpu: trimmedMean(cpu[k]) }]));
}

const network = await measure({
  bare: async () => {
    const date = new Date().toUTCString();
    const answer = await request(host + path, { headers: headers(date) });
    return JSON.parse(await answer.body.text());
  },
  transport: async () => {
    const date = new Date().toUTCString();
    const response = await nodeFetch(host + path, { headers: headers(date) });
    return JSON.parse(await response.text());
  },
  // What the package adds around each attempt: a timeout that ends with it, and its signal.
  'transport+signal': async () => {
    const date = new Date().toUTCString();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    const response = await nodeFetch(host + path, { headers: headers(date), signal: controller.signal });
    const project = JSON.parse(await response.text());
    clearTimeout(timer);
    return project;
  },
  request: () => ours.request('GET', 'project/{id}.json', { params: { id } }),
  model: () => ours.models.Project.fetch(id),
  'js-client': () => js.Project.fetch(id),
});

const body = JSON.stringify({ id, name: 'P', class: 'be.cytomine.project.Project' });
const standIn = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
const offline = new Cytomine(host, { publicKey: keys.publicKey, privateKey: keys.privateKey, core: '5.2', fetch: standIn });
const noNetwork = await measure({
  bare: async () => JSON.parse(await (await standIn()).text()),
  model: () => offline.models.Project.fetch(id),
});
process.send({ 'with the emulator': network, 'fetch answered in the process': noNetwork });
