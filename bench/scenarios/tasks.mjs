// The measured operations. The same code runs in every runtime (a Node child process or the
// benchmark page in Chromium) against `api`, the client's exports: both clients expose the same
// `AnnotationCollection` and `Project` classes (that is the point of the package), and the
// baseline exposes bare equivalents (lib/baseline.mjs). A task resolves to `{ ms, digest }`:
// `ms` covers only the client work; `digest()` summarises the result afterwards (the runner calls
// it separately, so that neither the wall time nor the CPU time includes it).
import { digestAnnotations, digestTerms } from '../lib/digest.mjs';

/** Ids of the terms of an ontology's `children` tree. */
const termTree = (children) => [...(children ?? [])].flatMap((t) => [t.id, ...termTree(t.children)]);

/** The annotations of the writes scenario: `n` squares in a row on `image`, term `terms[i % k]`. */
export function writeItems({ n, image, terms, y }) {
  const square = (x, side) => `POLYGON ((${x} ${y}, ${x + side} ${y}, ${x + side} ${y + side}, ${x} ${y + side}, ${x} ${y}))`;
  return Array.from({ length: n }, (_, i) => ({ location: square(20 * i, 10), image, term: [terms[i % terms.length]] }));
}

const now = () => performance.now();
let held = null; // the 100,000-annotation collection of iterate/memory

export const TASKS = {
  /** `AnnotationCollection.fetchAll()` with `props`. */
  async fetchAll(api, { props }) {
    const t0 = now();
    const collection = new api.AnnotationCollection({ ...props });
    await collection.fetchAll();
    const ms = now() - t0;
    return { ms, digest: () => digestAnnotations(collection) };
  },

  /**
   * One `Project.fetch(id)`, untimed by the scenario: the client opens its keep-alive connection
   * (and this package detects the server's generation, once per connection) before the runs.
   */
  async connect(api, { id }) {
    const t0 = now();
    const project = await api.Project.fetch(id);
    const ms = now() - t0;
    return { ms, digest: () => ({ id: project.id }) };
  },

  /** `n` sequential `Project.fetch(id)`. */
  async fetchMany(api, { id, n }) {
    let ok = 0;
    let name = null;
    const t0 = now();
    for (let i = 0; i < n; i++) {
      const project = await api.Project.fetch(id);
      if (project.id === id) ok++;
      name ??= project.name;
      if (project.name !== name) ok--;
    }
    const ms = now() - t0;
    return { ms, digest: () => ({ ok, name }) };
  },

  /**
   * Creates `n` annotations with a term each (`items(params)`): one `save()` at a time
   * (`mode: 'each'`, as cytomine-client users do), all `save()` calls at once (`'concurrent'`,
   * the connection limits the requests in flight) or `AnnotationCollection.save()` (`'bulk'`).
   */
  async create(api, { mode, ...params }) {
    const annotations = writeItems(params).map((props) => new api.Annotation(props));
    let failed = 0;
    const t0 = now();
    if (mode === 'each') {
      for (const a of annotations) await a.save();
    } else if (mode === 'concurrent') {
      await Promise.all(annotations.map((a) => a.save()));
    } else if (mode === 'bulk') {
      const collection = new api.AnnotationCollection({});
      for (const a of annotations) collection.push(a);
      failed = (await collection.save({ chunkSize: params.chunkSize })).failed.length;
    } else throw new Error(`unknown write mode ${mode}`);
    const ms = now() - t0;
    return { ms, digest: () => ({ ids: annotations.map((a) => a.id), failed }) };
  },

  /**
   * What the web UI loads when a project opens: the project, its ontology with its terms, the
   * first page of its images, its members, its annotation counts per term and its last activity.
   * `parallel`: everything after the project at once (the project gives the ontology's id);
   * otherwise one request at a time.
   */
  async openProject(api, { project: id, parallel, images }) {
    const t0 = now();
    const project = await api.Project.fetch(id);
    const loads = [
      () => api.Ontology.fetch(project.ontology),
      () => new api.ImageInstanceCollection({ filterKey: 'project', filterValue: id, nbPerPage: images }).fetchPage(0),
      () => project.fetchUsers(),
      () => project.fetchStatsTerms(),
      () => api.Project.fetchCommandHistory({ project: id, max: 10 }),
    ];
    let results;
    if (parallel) results = await Promise.all(loads.map((load) => load()));
    else {
      results = [];
      for (const load of loads) results.push(await load());
    }
    const ms = now() - t0;
    const [ontology, imagePage, members, stats, history] = results;
    return {
      ms,
      digest: () => ({
        project: project.name,
        terms: termTree(ontology.children).sort((a, b) => a - b).join(','),
        images: [...imagePage].map((i) => i.id).join(','),
        members: [...members].map((u) => u.id).sort((a, b) => a - b).join(','),
        stats: stats.map((s) => `${s.id}:${s.value}`).sort().join(','),
        history: (history.collection ?? history).length,
      }),
    };
  },

  /** `TermCollection.fetchAll()` of an ontology (today's core: Spring paging). */
  async fetchAllTerms(api, { ontology, nbPerPage }) {
    const t0 = now();
    const collection = new api.TermCollection({ filterKey: 'ontology', filterValue: ontology, nbPerPage });
    await collection.fetchAll();
    const ms = now() - t0;
    return { ms, digest: () => digestTerms(collection) };
  },

  /** Loads the collection that `iterate` reads and `memory` measures (not a timed scenario). */
  async load(api, { props }) {
    const t0 = now();
    held = new api.AnnotationCollection({ ...props });
    await held.fetchAll();
    const ms = now() - t0;
    return { ms, digest: () => digestAnnotations(held) };
  },

  /** Reads `id`, `area` and `term` of every held annotation, `passes` times; ms per pass. */
  iterate(api, { passes }) {
    let idSum = 0;
    let areaSum = 0;
    let termRefs = 0;
    const t0 = now();
    for (let p = 0; p < passes; p++) {
      for (const annotation of held) {
        idSum += annotation.id;
        areaSum += annotation.area;
        termRefs += annotation.term.length;
      }
    }
    const ms = (now() - t0) / passes;
    return { ms, digest: () => ({ idSum: idSum / passes, termRefs: termRefs / passes, areaFinite: Number.isFinite(areaSum) }) };
  },
};

/**
 * Runs a task and keeps its digest for `takeDigest()`: what a runtime exposes to the runner.
 * `cpu()` (optional) returns the CPU time used so far in ms (Node: process.cpuUsage).
 */
let pendingDigest = null;
export async function runTask(api, task, params, cpu) {
  const c0 = cpu?.();
  const { ms, digest } = await TASKS[task](api, params);
  const cpuMs = cpu ? cpu() - c0 : null;
  pendingDigest = digest;
  return { ms, cpuMs };
}

export function takeDigest() {
  const d = pendingDigest?.() ?? null;
  pendingDigest = null;
  return d;
}
