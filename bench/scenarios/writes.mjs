// writes-1000: create 1,000 annotations with a term each on the 20 ms emulator (demo dataset):
// cytomine-client one `save()` at a time (as its users do) against this package one `save()` at
// a time, all `save()` calls at once (the connection's concurrency) and `AnnotationCollection.save()`
// (bulk POSTs of 100). After each run the emulator must hold exactly the 1,000 new annotations,
// each with its own location and term, none twice; they are then removed from its store
// (outside the timed region) so every run starts from the same data.
import { alternate } from '../lib/stats.mjs';
import { requestCounter } from '../lib/fixtures.mjs';
import { writeItems } from './tasks.mjs';
import { row, withContenders } from './common.mjs';

const N = 1000;
const CHUNK = 100;
// [label, contender, mode]; ratios are against cytomine-client's one-at-a-time saves.
const WAYS = [
  ['js', 'js', 'each'],
  ['ours', 'ours', 'each'],
  ['ours_concurrent', 'ours', 'concurrent'],
  ['ours_bulk', 'ours', 'bulk'],
];

export const writes1000 = {
  name: 'writes-1000',
  runtimes: ['node', 'chromium'],
  async run({ runtime, emus, opts, log }) {
    const emu = emus.writes;
    const store = emu.state;
    const project = store.all('project').find((p) => p.name === 'Colon-Polyps');
    const image = store.imagesOfProject(project.id)[0];
    const terms = store.termsOfOntology(project.ontology).map((t) => t.id);
    const { publicKey, privateKey } = emu.credentials.find((c) => c.username === 'alice');
    let y = 20_000; // each run writes its own row of squares
    return withContenders(runtime, ['ours', 'js'], emu, { publicKey, privateKey }, async (opened) => {
      const byKind = Object.fromEntries(opened.map((c) => [c.kind, c]));
      // A run is 1,000 round trips, too long to warm up with: one request per client instead, so
      // that neither the first run's connection set-up nor this package's one detection probe
      // (one more round trip, once per connection) is charged to 1 of the 2 runs.
      for (const c of opened) {
        const { digest } = await c.run('connect', { id: project.id });
        if (digest?.id !== project.id) throw new Error(`${c.kind}: connect fetched project ${digest?.id}`);
      }
      const contenders = WAYS.map(([kind, client, mode]) => ({
        kind,
        run: async (task, params) => {
          y += 40;
          const p = { ...params, mode, y };
          const before = new Set(store.annotationIdsOfImage(image.id));
          const count = requestCounter(emu, '/api/annotation.json');
          const result = await byKind[client].run('create', p);
          checkWrites(kind, result.digest, p, { store, image, before, posts: count(), expectedPosts: mode === 'bulk' ? Math.ceil(N / CHUNK) : N });
          return result;
        },
      }));
      const { samples, cpu } = await alternate({
        contenders,
        task: 'create',
        params: { n: N, image: image.id, terms, chunkSize: CHUNK },
        warmup: opts.writeWarmup,
        runs: opts.writeRuns,
        verify: () => {}, // checkWrites, in run()
        log,
      });
      const target = { ratio: 1.0 };
      const extra = { latency_ms: emus.latencyMs };
      const as = (label) => ({ ours: samples[label], js: samples.js });
      const cpuOf = (label) => ({ ours: cpu[label], js: cpu.js });
      return [
        row('writes-1000: one save() at a time', runtime.name, as('ours'), { cpu: cpuOf('ours'), target, extra }),
        row('writes-1000: all save() at once (connection concurrency)', runtime.name, as('ours_concurrent'), { cpu: cpuOf('ours_concurrent'), target, extra }),
        row(`writes-1000: AnnotationCollection.save() (bulk, ${CHUNK} per request)`, runtime.name, as('ours_bulk'), { cpu: cpuOf('ours_bulk'), target, extra }),
      ];
    });
  },
};

/**
 * Throws unless the emulator holds exactly the `n` annotations of this run (each id returned once,
 * at the location and with the term of its item), then removes them from the store.
 */
function checkWrites(kind, digest, params, { store, image, before, posts, expectedPosts }) {
  const added = store.annotationIdsOfImage(image.id).filter((id) => !before.has(id));
  try {
    if (digest.failed) throw new Error(`${digest.failed} items failed`);
    if (posts.failed || posts.ok !== expectedPosts) throw new Error(`the emulator answered ${posts.ok} POSTs OK and ${posts.failed} failed, expected ${expectedPosts}`);
    const items = writeItems(params);
    if (digest.ids.length !== items.length || new Set(digest.ids).size !== items.length) throw new Error(`${new Set(digest.ids).size} distinct ids for ${items.length} items`);
    if (added.length !== items.length) throw new Error(`the emulator holds ${added.length} new annotations, expected ${items.length}`);
    const addedSet = new Set(added);
    digest.ids.forEach((id, i) => {
      const stored = store.get('annotation', id);
      if (!addedSet.has(id) || stored?.location !== items[i].location) throw new Error(`item ${i}: id ${id} is not its annotation`);
      const t = store.termsOfAnnotation(id).map((at) => at.term);
      if (t.length !== 1 || t[0] !== items[i].term[0]) throw new Error(`item ${i}: terms ${t}, expected ${items[i].term}`);
    });
  } catch (e) {
    throw new Error(`${kind} writes: ${e.message}`);
  } finally {
    for (const id of added) {
      for (const at of store.termsOfAnnotation(id)) store.remove('annotationterm', at.id);
      store.remove('annotation', id);
    }
  }
}
