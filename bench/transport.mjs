// Which Node transport: 1,000 sequential GETs of one project against the emulator (in a child
// process), side by side in one run: Node's built-in fetch, this package's Node transport
// (js/node-fetch.js, undici's request through the global dispatcher), undici's fetch, undici's
// request bare (global dispatcher, and an Agent of its own) and bare http.request, alternated;
// medians of 5 rounds after a warm-up.
//   node bench/transport.mjs [--n 1000] [--rounds 5]
import { spawn } from 'node:child_process';
import http from 'node:http';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Agent, fetch as undiciFetch, request as undiciRequest } from 'undici';
import { createNodeFetch } from '../js/node-fetch.js';
import { median, round } from './lib/stats.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '5' } } });
const N = Number(values.n);
const ROUNDS = Number(values.rounds);

const EMULATOR = `
  const { start } = await import(${JSON.stringify(new URL('../emulator/server.mjs', import.meta.url).href)});
  const emu = await start({ port: 0, dataset: 'demo' });
  const admin = emu.credentials.find((c) => c.admin);
  console.log(JSON.stringify({ url: emu.url, project: [...emu.state.t.project.keys()][0], token: admin.token }));
`;
const child = spawn(process.execPath, ['--input-type=module', '-e', EMULATOR], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  });
  const { url, project, token } = JSON.parse(line);
  const target = `${url}/api/project/${project}.json`;
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };

  const viaFetch = (f) => async () => {
    const response = await f(target, { method: 'GET', headers, signal: AbortSignal.timeout(30_000) });
    return JSON.parse(await response.text());
  };
  const agent = new http.Agent({ keepAlive: true });
  const viaHttp = () => new Promise((resolve, reject) => {
    const request = http.request(target, { headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
  const ownAgent = new Agent();
  const viaUndiciRequest = async () => {
    const { body } = await undiciRequest(target, { method: 'GET', headers, signal: AbortSignal.timeout(30_000) });
    return JSON.parse(await body.text());
  };
  const contenders = {
    'global fetch': viaFetch(globalThis.fetch),
    'node transport (js/node-fetch.js)': viaFetch(createNodeFetch()),
    'undici fetch (global dispatcher)': viaFetch(undiciFetch),
    'undici request (global dispatcher)': viaUndiciRequest,
    'undici request (own Agent)': async () => {
      const { body } = await undiciRequest(target, { method: 'GET', headers, dispatcher: ownAgent, signal: AbortSignal.timeout(30_000) });
      return JSON.parse(await body.text());
    },
    'bare http.request': viaHttp,
  };

  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let r = 0; r <= ROUNDS; r++) {
    for (const [name, get] of Object.entries(contenders)) {
      const t0 = performance.now();
      for (let i = 0; i < N; i++) {
        const value = await get();
        if (value.id !== project) throw new Error(`${name}: wrong answer`);
      }
      if (r > 0) samples[name].push(performance.now() - t0); // round 0 warms up
    }
  }
  const reference = median(samples['global fetch']);
  console.log(`${N} sequential GETs, medians of ${ROUNDS} rounds:`);
  for (const [name, s] of Object.entries(samples)) {
    console.log(`  ${name.padEnd(36)} ${String(round(median(s))).padStart(8)} ms  (${round(median(s) / reference, 2)} × global fetch)`);
  }
} finally {
  child.kill();
}
