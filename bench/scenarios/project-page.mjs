// project-page: what Cytomine's web UI loads when a project opens (the project; its ontology with
// its terms; the first page of its images; its members; its annotation counts per term; its last
// activity), on the 20 ms emulator (demo dataset), each client the natural way: cytomine-client
// one request at a time as its users write it (`await` after `await`), this package with its
// connection's concurrency (the project first, for its ontology's id; then the rest at once).
// For information, cytomine-client with the same `Promise.all` as this package.
import { alternate } from '../lib/stats.mjs';
import { row, withContenders } from './common.mjs';

const IMAGES = 20; // the web UI's first page of images
const REQUESTS = 6;

export const projectPage = {
  name: 'project-page',
  runtimes: ['node', 'chromium'],
  async run({ runtime, emus, opts, log }) {
    const emu = emus.writes;
    const store = emu.state;
    const project = store.all('project').find((p) => p.name === 'PANC-Biopsies');
    const expectedTerms = store.termsOfOntology(project.ontology).map((t) => t.id).sort((a, b) => a - b).join(',');
    const { publicKey, privateKey } = emu.credentials.find((c) => c.username === 'alice');
    return withContenders(runtime, ['ours', 'js'], emu, { publicKey, privateKey }, async (opened) => {
      const byKind = Object.fromEntries(opened.map((c) => [c.kind, c]));
      const ways = [['ours', 'ours', true], ['js', 'js', false], ['js_parallel', 'js', true]];
      const contenders = ways.map(([kind, client, parallel]) => ({
        kind,
        run: async (task, params) => {
          const mark = emu.requests.length;
          const result = await byKind[client].run(task, { ...params, parallel });
          const answered = emu.requests.slice(mark).filter((r) => r.path.startsWith('/api/'));
          const ok = answered.filter((r) => r.status >= 200 && r.status < 300).length;
          // The first run of this package may add the generation probe (not under /api/).
          if (ok !== REQUESTS || answered.length !== REQUESTS) throw new Error(`${kind}: the emulator answered ${ok}/${answered.length} requests OK, expected ${REQUESTS}`);
          return result;
        },
      }));
      let reference = null;
      const { samples, cpu } = await alternate({
        contenders,
        task: 'openProject',
        params: { project: project.id, images: IMAGES },
        warmup: opts.warmup,
        runs: opts.runs,
        verify: (kind, r) => {
          const d = r.digest;
          if (d.terms !== expectedTerms || d.project !== project.name || !d.images || !d.members || !d.stats || !Number.isInteger(d.history)) {
            throw new Error(`${kind}: wrong project page ${JSON.stringify(d)}`);
          }
          reference ??= JSON.stringify(d);
          if (JSON.stringify(d) !== reference) throw new Error(`${kind}: a different project page\n  ${reference}\n  ${JSON.stringify(d)}`);
        },
        log,
      });
      const extra = { latency_ms: emus.latencyMs, requests: REQUESTS };
      return [
        row('project-page (cytomine-client one request at a time)', runtime.name, samples, { cpu, target: { ratio: 0.5 }, extra }),
        row('project-page: ours vs cytomine-client with the same Promise.all', runtime.name, { ours: samples.ours, js: samples.js_parallel }, { cpu: { ours: cpu.ours, js: cpu.js_parallel }, extra }),
      ];
    });
  },
};
