// The three contenders in Node: this package, cytomine-client 3.1.0 (its sources, with an axios
// interceptor signing with HMAC-SHA1: tests/support/js-client.mjs) and a bare baseline
// (`fetch` + `JSON.parse` + HMAC-SHA1 from node:crypto).
import { createHmac } from 'node:crypto';

/** Loads a client connected to `host` with API keys; resolves to `{ api, wasmBytes() }`. */
export async function loadClient(kind, { host, publicKey, privateKey }) {
  if (kind === 'ours') {
    const api = await import('../../js/index.js');
    new api.Cytomine(host, { publicKey, privateKey });
    // The glue's init returns the already-instantiated module's exports (memory included).
    const glue = await import('../../pkg/cytomine_wasm.js');
    const exports = glue.initSync();
    return { api, wasmBytes: () => exports.memory.buffer.byteLength };
  }
  if (kind === 'js') {
    const { loadJsClient } = await import('../../tests/support/js-client.mjs');
    const api = await loadJsClient({ host, publicKey, privateKey });
    return { api, wasmBytes: () => 0 };
  }
  if (kind === 'baseline') return { api: baseline({ host, publicKey, privateKey }), wasmBytes: () => 0 };
  throw new Error(`unknown client ${kind}`);
}

/** `Project.fetch(id)` as bare as it gets: sign, fetch, parse. */
function baseline({ host, publicKey, privateKey }) {
  return {
    Project: {
      async fetch(id) {
        const path = `/api/project/${id}.json`;
        const date = new Date().toUTCString();
        const signature = createHmac('sha1', privateKey).update(`GET\n\n\n${date}\n${path}`).digest('base64');
        const response = await fetch(host + path, { headers: { date, authorization: `CYTOMINE ${publicKey}:${signature}` } });
        const text = await response.text();
        if (!response.ok) throw new Error(`baseline: HTTP ${response.status}`);
        return JSON.parse(text);
      },
    },
  };
}
