// A stand-in for the global `fetch` that records every request and answers from a handler, so
// unit tests can check exactly what goes on the wire without a server.
import { createHmac } from 'node:crypto';

/** True for the connection's generation probe: an unauthenticated GET of `.../server/ping.json`. */
export const isProbe = (request) => request.method === 'GET' && !request.headers.authorization && /\/server\/ping(\.json)?$/.test(new URL(request.url).pathname);

/**
 * Installs the fake. `handler(request)` returns `{status, body, headers}` (body: object → JSON,
 * string → as is), or throws to simulate a network error. Returns `{ requests, probes, restore }`:
 * the connection's one-time generation probes (see `isProbe`) are answered as core 5.2 does
 * (`probe`: 'v5.2' by default, '2026' for today's core, or a handler) and kept in `probes`, so
 * `requests` holds exactly what the code under test sent.
 */
export function installFakeFetch(handler, { probe = '5.2' } = {}) {
  const original = globalThis.fetch;
  const requests = [];
  const probes = [];
  globalThis.fetch = async (url, init = {}) => {
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const request = { url: String(url), method: init.method ?? 'GET', headers, body: init.body, signal: init.signal, cache: init.cache };
    if (isProbe(request)) {
      probes.push(request);
      const ping = { alive: true, version: '5.2.0', serverURL: 'http://fake', serverID: 'default' };
      const answer = typeof probe === 'function' ? await probe(request)
        : probe === '2026' && request.url.endsWith('.json') ? { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404 } }
          : { body: ping };
      return new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
    }
    requests.push(request);
    const answer = await handler(request);
    if (answer === 'hang') {
      // Never answers; ends only through the request's AbortSignal (timeouts, cancellation).
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal.reason)));
    }
    const body = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status ?? 200, headers: answer.headers ?? { 'content-type': 'application/json' } });
  };
  return { requests, probes, restore: () => (globalThis.fetch = original) };
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
