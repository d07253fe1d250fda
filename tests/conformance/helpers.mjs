/** Shared setup of the conformance tests: an emulator and the real cytomine-client connected to it. */
import { start } from '../../emulator/server.mjs';
import { loadJsClient } from '../support/js-client.mjs';

/**
 * Start a demo emulator and connect cytomine-client as `username`.
 * @returns {Promise<{emu: object, c: object}>} `c` = the client's exports + `cytomine`
 */
export async function setup(username = 'alice', options = {}) {
  const emu = await start({ dataset: 'demo', ...options });
  const cr = emu.credentials.find((x) => x.username === username);
  const c = await loadJsClient({ host: emu.url, publicKey: cr.publicKey, privateKey: cr.privateKey });
  return { emu, c };
}

/** Re-point the client singleton to another user of the same emulator. */
export async function switchUser(emu, username) {
  const cr = emu.credentials.find((x) => x.username === username);
  return loadJsClient({ host: emu.url, publicKey: cr.publicKey, privateKey: cr.privateKey });
}

export const projectByName = (emu, name) => [...emu.state.t.project.values()].find((p) => p.name === name);

/** The HTTP status of a rejected cytomine-client call. */
export async function statusOf(promise) {
  try {
    await promise;
    return 200;
  } catch (e) {
    return e.response?.status ?? e.message;
  }
}
