// The emulators (in this process; the clients run in child processes or Chromium renderers)
// and the expected answers, computed from the emulator's own store.
import { start } from '../../emulator/server.mjs';
import { annotationGis } from '../../emulator/serialize.mjs';
import { digestAnnotations } from './digest.mjs';

export const PAGE = 1000;
export const WINDOW = 20_000;

/**
 * Starts the `large` dataset twice (no added latency, and `latencyMs`), in gateway mode serving
 * `wwwDir` at `/` and `packageDir`'s js/ and pkg/ (the snapshot of this package) at /package/;
 * and the `demo` dataset twice: with `latencyMs` for the writes and the project page (`writes`),
 * and speaking today's core with no added latency (`today`).
 */
export async function startEmulators({ wwwDir, packageDir, latencyMs = 20 }) {
  const common = { port: 0, dataset: 'large', gateway: true, wwwDir, packageDir };
  const fast = await start({ ...common, latencyMs: 0 });
  const slow = await start({ ...common, latencyMs });
  const writes = await start({ ...common, dataset: 'demo', latencyMs });
  const today = await start({ ...common, dataset: 'demo', latencyMs: 0, core: '2026' });
  const all = [fast, slow, writes, today];
  return { fast, slow, writes, today, latencyMs, close: () => Promise.all(all.map((e) => e.close())) };
}

/** Project, user and the expected digests (same dataset in both emulators: it is deterministic). */
export function fixtures(emu) {
  const store = emu.state;
  const project = [...store.t.project.values()].find((p) => p.name === 'Benchmark-Large');
  if (!project) throw new Error('the large dataset has no Benchmark-Large project');
  const alice = emu.credentials.find((c) => c.username === 'alice'); // its creator and manager
  const keys = { publicKey: alice.publicKey, privateKey: alice.privateKey };
  const annotations = store.annotationIdsOfProject(project.id).map((id) => store.get('annotation', id));
  if (annotations.length < 100_000) throw new Error(`expected 100,000 annotations, found ${annotations.length}`);

  // A window of exactly WINDOW annotations by creation date (afterThan/beforeThan are inclusive).
  const byDate = [...annotations].sort((a, b) => a.created - b.created || a.id - b.id);
  const lo = Math.floor((byDate.length - WINDOW) / 2);
  const hi = lo + WINDOW - 1;
  const afterThan = byDate[lo].created;
  const beforeThan = byDate[hi].created;
  if (byDate[lo - 1].created >= afterThan || byDate[hi + 1].created <= beforeThan) throw new Error('the 20k window has ties at its bounds');

  const asServed = (a) => ({
    id: a.id,
    area: annotationGis(store, a).area,
    term: [...new Set(store.termsOfAnnotation(a.id).map((at) => at.term))],
    location: a.location,
  });
  const expectedWindow = digestAnnotations(byDate.slice(lo, hi + 1).map(asServed));
  const expectedAll = digestAnnotations(annotations.map(asServed));
  const show = { showWKT: true, showGIS: true, showTerm: true };
  return {
    keys,
    username: alice.username,
    project: { id: project.id, name: project.name },
    window: { props: { project: project.id, ...show, nbPerPage: PAGE, afterThan, beforeThan }, expected: expectedWindow, pages: WINDOW / PAGE },
    all: {
      props: { project: project.id, ...show, nbPerPage: PAGE },
      expected: expectedAll,
      pages: Math.ceil(annotations.length / PAGE),
      idSum: annotations.reduce((s, a) => s + a.id, 0),
    },
  };
}

/**
 * Counts the requests to `path` an emulator answered from now on: `{ ok, failed }` (2xx and
 * others). Proves that every call reached the server (no client-side cache).
 */
export function requestCounter(emu, path) {
  const marker = emu.requests[emu.requests.length - 1];
  return () => {
    const start = marker ? emu.requests.lastIndexOf(marker) : -1;
    if (marker && start < 0) throw new Error('emulator request log overflowed');
    let ok = 0;
    let failed = 0;
    for (let i = start + 1; i < emu.requests.length; i++) {
      const r = emu.requests[i];
      if (r.path !== path) continue;
      if (r.status >= 200 && r.status < 300) ok++;
      else failed++;
    }
    return { ok, failed };
  };
}
