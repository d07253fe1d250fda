// `writes-1000` one `save()` at a time, interleaved save by save: this package and cytomine-client
// 3.1.0 in one client process (the emulator, `demo` data with 20 ms of latency, in this parent
// process as in the benchmark), alternating which client saves first; median ms per save.
// Interleaving puts both clients under the same machine and emulator state at every moment,
// which two whole runs of 1,000 saves each (the benchmark's) cannot: their medians of 2 runs
// differ by a few percent from run to run.
//   node bench/saves-interleaved.mjs [--n 150]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, round } from './lib/stats.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '150' }, child: { type: 'boolean', default: false } } });

if (!values.child) {
  const { start } = await import('../emulator/server.mjs');
  const emu = await start({ port: 0, dataset: 'demo', latencyMs: 20 });
  const store = emu.state;
  const project = store.all('project').find((p) => p.name === 'Colon-Polyps');
  const image = store.imagesOfProject(project.id)[0];
  const term = store.termsOfOntology(project.ontology)[0].id;
  const { publicKey, privateKey } = emu.credentials.find((c) => c.username === 'alice');
  const before = store.annotationIdsOfImage(image.id).length;
  const child = fork(fileURLToPath(import.meta.url), ['--child', '--n', values.n]);
  child.send({ host: emu.url, publicKey, privateKey, image: image.id, term, project: project.id });
  const result = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`client exited with ${code}`)));
  });
  const added = store.annotationIdsOfImage(image.id).length - before;
  await emu.close();
  if (added !== 2 * Number(values.n)) throw new Error(`the emulator holds ${added} new annotations, expected ${2 * Number(values.n)}`);
  console.log(`median ms per save over ${values.n} saves each (interleaved): this package ${result.ours}, cytomine-client ${result.js}, ratio ${(result.ours / result.js).toFixed(3)}`);
  process.exit(0);
}

const { host, publicKey, privateKey, image, term, project } = await new Promise((resolve) => process.once('message', resolve));
const ours = await import('../js/index.js');
new ours.Cytomine(host, { publicKey, privateKey });
const { loadJsClient } = await import('../tests/support/js-client.mjs');
const js = await loadJsClient({ host, publicKey, privateKey });
// Each client opens its connection (and this package detects the server) before timing.
await ours.Project.fetch(project);
await js.Project.fetch(project);
const times = { ours: [], js: [] };
let x = 0;
for (let i = 0; i < Number(values.n); i++) {
  const order = i % 2 ? [['ours', ours.Annotation], ['js', js.Annotation]] : [['js', js.Annotation], ['ours', ours.Annotation]];
  for (const [kind, Annotation] of order) {
    x += 20;
    const annotation = new Annotation({ location: `POLYGON ((${x} 10, ${x + 10} 10, ${x + 10} 20, ${x} 20, ${x} 10))`, image, term: [term] });
    const t0 = performance.now();
    await annotation.save();
    times[kind].push(performance.now() - t0);
    if (!(annotation.id > 0)) throw new Error(`${kind}: the saved annotation has no id`);
  }
}
process.send({ ours: round(median(times.ours)), js: round(median(times.js)) });
