// The benchmark page: one client per page (a fresh browser context each), driven by
// browser/runner.mjs through `window.bench`.
import { runTask, takeDigest } from '../scenarios/tasks.mjs';
import { loadClient } from './clients.mjs';

let client = null;

/** Uncaught errors of the page, taken by the runner after each run. */
window.benchErrors = [];
window.addEventListener('error', (e) => window.benchErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.benchErrors.push(String(e.reason)));

window.bench = {
  async init(kind, keys) {
    client = await loadClient(kind, keys);
    return { ms: client.initMs, breakdown: client.breakdown ?? null };
  },
  run(task, params) {
    return runTask(client.api, task, params);
  },
  digest() {
    return takeDigest();
  },
  wasmBytes() {
    return client.wasmBytes();
  },
  /** The client's exports (for diagnostics from the console or CDP). */
  get api() {
    return client?.api;
  },
};
window.benchReady = true;

/** Compile time of the package's wasm alone (fetched first, then `WebAssembly.compile`). */
window.benchCompileWasm = async () => {
  const bytes = await (await fetch('/package/pkg/cytomine_wasm_bg.wasm')).arrayBuffer();
  const t0 = performance.now();
  await WebAssembly.compile(bytes);
  return { ms: performance.now() - t0, bytes: bytes.byteLength };
};
