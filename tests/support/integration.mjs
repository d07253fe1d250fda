// Shared helpers of the integration tests (tests/integration/): the package talking to the
// project's Cytomine emulator over real HTTP. Expected values are always computed from the
// emulator's in-memory `state`, independently of the client.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { start } from '../../emulator/server.mjs';
import { Cytomine, CytomineError } from '../../js/index.js';

/**
 * The server generation the suites run against: `CYTOMINE_CORE=2026` (today's core) or `5.2`
 * (the default). scripts/test.mjs runs the integration and parity suites once per generation.
 */
export const CORE = process.env.CYTOMINE_CORE ?? '5.2';
if (!['5.2', '2026'].includes(CORE)) throw new Error(`CYTOMINE_CORE must be 5.2 or 2026, not ${CORE}`);
/** True when the suites run against today's core. */
export const TODAY = CORE === '2026';

/** Starts an emulator with the demo dataset, speaking the generation of `CORE`. */
export function startEmulator(options = {}) {
  return start({ dataset: 'demo', core: CORE, ...options });
}

/** The seeded credentials of `username`. */
export function cred(server, username) {
  const c = server.credentials.find((x) => x.username === username);
  if (!c) throw new Error(`no seeded user ${username}`);
  return c;
}

/** The seeded user record of `username` (from the emulator state). */
export function userOf(server, username) {
  return server.state.userByUsername(username);
}

/** The seeded users' ids by username. */
export const userIds = (state) => Object.fromEntries(state.all('user').map((u) => [u.username, u.id]));

/** The project called `name` in the emulator's state. */
export const projectNamed = (state, name) => state.all('project').find((p) => p.name === name);

/** The image instances of a project, in id order. */
export const imagesOfProject = (state, pid) => state.all('imageinstance').filter((i) => i.project === pid).sort((a, b) => a.id - b.id);

/** A new API-key connection as `username` (no retries, so failures are immediate). */
export function connectAs(server, username, options = {}) {
  const { publicKey, privateKey } = cred(server, username);
  return new Cytomine(server.url, { publicKey, privateKey, retries: 0, ...options });
}

/** Resolves to the rejection of `promise` (a CytomineError); fails if it resolves. */
export async function failure(promise) {
  let value;
  try {
    value = await promise;
  } catch (e) {
    assert.ok(e instanceof CytomineError, `expected a CytomineError, got ${e?.stack ?? e}`);
    return e;
  }
  assert.fail(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 300)}`);
}

/** Asserts `promise` rejects with an HTTP error of `status` (and `serverMessage` when given). */
export async function rejectsWith(promise, status, serverMessage) {
  const e = await failure(promise);
  assert.equal(e.status, status, `status of ${e.message}`);
  assert.equal(e.kind, status === 401 ? 'auth' : 'http');
  if (serverMessage instanceof RegExp) assert.match(e.serverMessage ?? '', serverMessage);
  else if (serverMessage !== undefined) assert.equal(e.serverMessage, serverMessage);
  return e;
}

/** Ids of the items of a collection (or array), in order. */
export const idsOf = (items) => [...items].map((x) => x.id);

/** Sorted copy of numbers. */
export const sorted = (xs) => [...xs].sort((a, b) => a - b);

/** Ids of the members (contributors and managers) of a project in the emulator state. */
export function memberIds(state, projectId) {
  const m = state.membersOf(projectId);
  return new Set([...m.contributors, ...m.managers]);
}

/** Projects of the emulator state `userId` is a member of. */
export function projectsOfUser(state, userId) {
  return state.all('project').filter((p) => memberIds(state, p.id).has(userId));
}

/** A TCP port nothing listens on (bound then released). */
export function closedPort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Unique names for objects created by a test. */
let counter = 0;
export function uniqueName(prefix) {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** True when `bytes` (a Uint8Array) starts with the PNG signature. */
export function isPng(bytes) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length > sig.length && sig.every((b, i) => bytes[i] === b);
}

/**
 * Records what the package hands to `fetch` (method, url, parsed JSON body) while still
 * sending it; `restore()` puts the real fetch back.
 */
export function recordFetch() {
  const realFetch = globalThis.fetch;
  const calls = [];
  globalThis.fetch = (url, init = {}) => {
    let body = init.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // not JSON: kept as is
      }
    }
    calls.push({ method: init.method ?? 'GET', url: String(url), body });
    return realFetch(url, init);
  };
  return { calls, restore: () => { globalThis.fetch = realFetch; } };
}
