// The measured operations. The same code runs in every runtime (a Node child process or the
// benchmark page in Chromium) against `api`, the client's exports: both clients expose the same
// `AnnotationCollection` and `Project` classes (that is the point of the package), and the
// baseline exposes bare equivalents (lib/baseline.mjs). A task resolves to `{ ms, digest }`:
// `ms` covers only the client work; `digest()` summarises the result afterwards (the runner calls
// it separately, so that neither the wall time nor the CPU time includes it).
import { digestAnnotations } from '../lib/digest.mjs';

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
