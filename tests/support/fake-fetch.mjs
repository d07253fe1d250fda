// A stand-in for the global `fetch` that records every request and answers from a handler, so
// unit tests can check exactly what goes on the wire without a server.
import { createHmac } from 'node:crypto';

/**
 * Installs the fake. `handler(request)` returns `{status, body, headers}` (body: object → JSON,
 * string → as is), or throws to simulate a network error. Returns `{ requests, restore }`.
 */
export function installFakeFetch(handler) {
  const original = globalThis.fetch;
  const requests = [];
  globalThis.fetch = async (url, init = {}) => {
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const request = { url: String(url), method: init.method ?? 'GET', headers, body: init.body, signal: init.signal, cache: init.cache };
    requests.push(request);
    const answer = await handler(request);
    if (answer === 'hang') {
      // Never answers; ends only through the request's AbortSignal (timeouts, cancellation).
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal.reason)));
    }
    const body = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status ?? 200, headers: answer.headers ?? { 'content-type': 'application/json' } });
  };
  return { requests, restore: () => (globalThis.fetch = original) };
}

/** Verifies a CYTOMINE signature the way core does (forced application/json, then ""). */
export function verifySignature(request, publicKey, privateKey) {
  const auth = request.headers.authorization ?? '';
  const match = /^CYTOMINE ([^:]+):(.+)$/.exec(auth);
  if (!match || match[1] !== publicKey) return false;
  const u = new URL(request.url);
  const pathAndQuery = u.pathname + u.search;
  const contentType = request.headers['content-type'] ?? '';
  const types = u.pathname.includes('.json') && !contentType ? ['application/json', ''] : [contentType];
  return types.some((type) => {
    const message = `${request.method}\n\n${type}\n${request.headers.date}\n${pathAndQuery}`;
    return createHmac('sha1', privateKey).update(message).digest('base64') === match[2];
  });
}
