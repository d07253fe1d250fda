// Loads and instantiates the WebAssembly module once, in Node (synchronously from the file next
// to this package) or in browsers and bundlers (fetched, with top-level await), so importing the
// package is all a user has to do.
import init, * as bindings from '../pkg/cytomine_wasm.js';
import { CytomineError } from './errors.js';

const wasmUrl = new URL('../pkg/cytomine_wasm_bg.wasm', import.meta.url);
const fs = globalThis.process?.getBuiltinModule?.('node:fs');
if (fs && wasmUrl.protocol === 'file:') {
  bindings.initSync({ module: fs.readFileSync(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}
bindings.registerErrorClass(CytomineError);

/** The instantiated module's exports. */
export const wasm = bindings;

