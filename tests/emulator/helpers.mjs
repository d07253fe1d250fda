/** Shared helpers of the emulator tests: signed requests with node:http (exact raw URLs). */
import http from 'node:http';
import { createHmac } from 'node:crypto';

/** Credentials of a seeded user. */
export const cred = (emu, username) => emu.credentials.find((c) => c.username === username);

/** HMAC-SHA1 signature as core 5.2 computes it (message ends with the path and query). */
export function sign(privateKey, method, contentType, date, pathAndQuery, md5 = '') {
  return createHmac('sha1', privateKey).update(`${method}\n${md5}\n${contentType}\n${date}\n${pathAndQuery}`).digest('base64');
}

/** HMAC-SHA1 signature as today's core computes it (delta §1.1: the message ends at the date). */
export function signToday(privateKey, method, contentType, date, md5 = '') {
  return createHmac('sha1', privateKey).update(`${method}\n${md5}\n${contentType}\n${date}`).digest('base64');
}

/**
 * Raw HTTP request (no URL normalisation).
 * @returns {Promise<{status:number, headers:object, body:Buffer, text:string, json:any}>}
 */
export function raw(emu, method, pathAndQuery, { headers = {}, body } = {}) {
  const u = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: pathAndQuery, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        const text = b.toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, body: b, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    req.end();
  });
}

/**
 * Signed API request as `username` (API key). A body is sent as JSON with
 * `Content-Type: application/json` unless `contentType` says otherwise. `form` is the signature
 * form ('5.2' with path and query, '2026' without); default: the emulator's generation.
 */
export function api(emu, username, method, pathAndQuery, { body, contentType, headers = {}, signContentType, form } = {}) {
  const c = cred(emu, username);
  const date = new Date().toUTCString();
  const ct = contentType ?? (body !== undefined ? 'application/json' : undefined);
  const sigCt = signContentType ?? ct ?? '';
  const h = { Date: date, ...headers };
  if (ct) h['Content-Type'] = ct;
  const today = (form ?? emu.core ?? '5.2') === '2026';
  const sig = today ? signToday(c.privateKey, method, sigCt, date) : sign(c.privateKey, method, sigCt, date, pathAndQuery);
  h.Authorization = `CYTOMINE ${c.publicKey}:${sig}`;
  return raw(emu, method, pathAndQuery, { headers: h, body });
}

/** Shortcut: GET and return the parsed JSON, asserting status 200. */
export async function getJson(emu, username, p) {
  const r = await api(emu, username, 'GET', p);
  if (r.status !== 200) throw new Error(`GET ${p} -> ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
}

/** Find a seeded project by name. */
export const projectByName = (emu, name) => [...emu.state.t.project.values()].find((p) => p.name === name);
