// CPU profile of one client in Node running one benchmark task a few times against the same
// emulator (in this process) as the benchmark:
//   node bench/profile/node-profile.mjs ours|js|baseline fetchAll|fetchMany|load|fetchAllTerms [--latency MS] [--times N] [--package DIR]
// (fetchAllTerms: the terms-5000-2026 scenario, on the demo dataset speaking today's core)
// Writes the .cpuprofile under /tmp and prints the self-time summary. The child runs with
// --cpu-prof; timings are also printed per run (profiling slows both clients down).
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { start } from '../../emulator/server.mjs';
import { fixtures } from '../lib/fixtures.mjs';
import { summarize } from './summarize-cpuprofile.mjs';
import { seedTerms } from '../scenarios/terms-today.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { latency: { type: 'string', default: '0' }, times: { type: 'string', default: '5' }, package: { type: 'string' }, top: { type: 'string', default: '30' } } });
const [kind = 'ours', task = 'fetchAll'] = positionals;
const terms = task === 'fetchAllTerms';
const emu = await start({ port: 0, dataset: terms ? 'demo' : 'large', latencyMs: Number(values.latency), ...(terms ? { core: '2026' } : {}) });
const fx = terms ? { keys: emu.credentials.find((c) => c.username === 'alice') } : fixtures(emu);
const params = terms
  ? { ontology: seedTerms(emu.state, emu.state.userByUsername('alice')).id, nbPerPage: 1000 }
  : task === 'fetchMany' ? { id: fx.project.id, n: 1000 } : task === 'load' ? { props: fx.all.props } : { props: fx.window.props };
const dir = mkdtempSync(path.join(tmpdir(), `cpuprof-${kind}-${task}-`));
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node', 'worker.mjs');
const child = fork(worker, [], { execArgv: ['--expose-gc', '--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'] });
let id = 0;
const pending = new Map();
child.on('message', (m) => m.id && pending.get(m.id)?.(m));
const call = (msg) => new Promise((resolve, reject) => {
  pending.set(++id, (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
  child.send({ id, ...msg });
});
await new Promise((r) => child.once('message', r));
await call({ cmd: 'init', client: kind, host: emu.url, keys: { publicKey: fx.keys.publicKey, privateKey: fx.keys.privateKey, core: emu.core }, packageDir: (values.package ? path.resolve(values.package) : new URL('../..', import.meta.url).pathname) });
for (let i = 0; i < Number(values.times); i++) {
  const r = await call({ cmd: 'run', task, params });
  console.log(`run ${i + 1}: ${r.ms.toFixed(1)} ms`);
}
const exited = new Promise((r) => child.once('exit', r));
await call({ cmd: 'exit' });
await exited;
await emu.close();
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) {
  console.log('no profile written');
} else {
  console.log(`\n${path.join(dir, file)}\n`);
  console.log(summarize(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), Number(values.top)));
}
