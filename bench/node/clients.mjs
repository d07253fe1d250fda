// The three contenders in Node: this package, cytomine-client 3.1.0 (its sources, with an axios
// interceptor signing with HMAC-SHA1: tests/support/js-client.mjs) and a bare baseline
// (`fetch` + `JSON.parse` + HMAC-SHA1 from node:crypto: lib/baseline.mjs).
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBaseline } from '../lib/baseline.mjs';
import { packageWithoutModels } from '../lib/without-models.mjs';

/**
 * Loads a client connected to `host` with API keys; resolves to `{ api, wasmBytes() }`.
 * `packageDir`: the snapshot of this package to import (lib/snapshot.mjs).
 */
export async function loadClient(kind, { host, publicKey, privateKey, packageDir, core }) {
  if (kind === 'ours' || kind === 'ours-raw') {
    const api = await import(pathToFileURL(path.join(packageDir, 'js', 'index.js')).href);
    new api.Cytomine(host, { publicKey, privateKey });
    // The glue's init returns the already-instantiated module's exports (memory included).
    const glue = await import(pathToFileURL(path.join(packageDir, 'pkg', 'cytomine_wasm.js')).href);
    const exports = glue.initSync();
    return { api: kind === 'ours' ? api : packageWithoutModels(api), wasmBytes: () => exports.memory.buffer.byteLength };
  }
  if (kind === 'js') {
    const { loadJsClient } = await import('../../tests/support/js-client.mjs');
    const api = await loadJsClient({ host, publicKey, privateKey });
    return { api, wasmBytes: () => 0 };
  }
  if (kind === 'baseline') return { api: baseline({ host, publicKey, privateKey, core }), wasmBytes: () => 0 };
  throw new Error(`unknown client ${kind}`);
}

function baseline({ host, publicKey, privateKey, core }) {
  return createBaseline({
    host,
    core,
    publicKey,
    sign: (message) => createHmac('sha1', privateKey).update(message, 'utf8').digest('base64'),
    dateHeaders: (date) => ({ date }),
  });
}
