import { wasm } from './wasm.js';
import { CytomineError, invalidArgument, unsupported, withAwaitingFrames } from './errors.js';
import { connectionArguments, resolveIamUrl } from './connection-arguments.js';

const CORE = Symbol('cytomine.core');
const IAM = Symbol('cytomine.iam');
// In Node, requests go through undici's `request` unless the options name a `fetch` (see
// node-fetch.js); the module is loaded only there, so browser pages never download it. If it
// cannot load (undici missing from a broken install or a bundle), the global `fetch` still works:
// Node warns once, saying why, instead of hiding it.
const nodeFetch = globalThis.process?.release?.name === 'node'
  ? await import('./node-fetch.js').then(
    (m) => m.createNodeFetch(),
    (e) => {
      globalThis.process.emitWarning?.(`the Node transport could not load (${e?.message ?? e}); requests use globalThis.fetch`, { type: 'CytomineWarning', code: 'CYTOMINE_NODE_TRANSPORT' });
      return null;
    },
  )
  : null;
let defaultInstance = null;
// A freed connection's state: any use is refused with a CytomineError (a rejection from the
// promise methods), not wasm-bindgen's "null pointer passed to rust".
const FREED = new Proxy(
  {},
  {
    get() {
      throw invalidArgument('this connection was freed (cytomine.free()): create a new Cytomine');
    },
  },
);
const bindersByConnection = new WeakMap();
let binder = null;

/**
 * A connection to a Cytomine server.
 *
 * `new Cytomine(host, { publicKey, privateKey })` signs requests with API keys (HMAC-SHA1),
 * `{ token }` sends a bearer token (a string, or a function called before each request),
 * `{ credentials: 'include' }` relies on the browser's session cookie. The cytomine-client form
 * `new Cytomine(host, basePath, iamPath, interceptor)` and the form of Cytomine's web UI
 * `new Cytomine(coreUrl, iamUrl, interceptor)` work too (see `connection-arguments.js`). The
 * first connection created becomes `Cytomine.instance`, used by models and collections that are
 * not bound to another one.
 */
export class Cytomine {
  /**
   * @param {string} host e.g. `https://cytomine.example.org` (`http://` is added when missing), or
   *   the core URL with its base path (`https://cytomine.example.org/api/`)
   * @param {object|string} [options] options; or cytomine-client's base path; or the web UI's IAM
   *   URL (an absolute URL)
   * @param {string|Function} [third] cytomine-client's IAM path, or the web UI's interceptor
   * @param {Function} [fourth] cytomine-client's interceptor
   */
  constructor(host, options = {}, third = undefined, fourth = undefined) {
    const args = connectionArguments(host, options, third, fourth);
    const opts = args.options;
    const withTransport = opts.fetch === undefined && nodeFetch ? { ...opts, fetch: nodeFetch } : opts;
    const core = new wasm.Connection(args.host, withTransport);
    // Writable: `free()` replaces it with FREED.
    Object.defineProperty(this, CORE, { value: core, writable: true });
    const iamUrl = resolveIamUrl(core.host, args.iam);
    Object.defineProperty(this, IAM, { value: { url: iamUrl, connection: iamConnection(withTransport, iamUrl, core.host) } });
    /** Id of the last command (save, update, delete...), for `undo()`. */
    this.lastCommand = null;
    if (!defaultInstance) defaultInstance = this;
  }

  /** The default connection (the first one created, or the one passed to `setDefault`). */
  static get instance() {
    if (!defaultInstance) throw invalidArgument('No Cytomine instance was created.');
    return defaultInstance;
  }

  /** Makes `cytomine` the default connection. */
  static setDefault(cytomine) {
    if (!(cytomine instanceof Cytomine)) throw invalidArgument('setDefault expects a Cytomine instance');
    defaultInstance = cytomine;
  }

  /** Bytes of WebAssembly memory the package holds (a diagnostic: models live in the JS heap). */
  static get wasmMemoryBytes() {
    return wasm.wasmMemoryBytes();
  }

  /**
   * Releases the connection's WebAssembly state now instead of at garbage collection. The
   * connection's calls then reject with `invalid-argument`; a second `free()` does nothing.
   */
  free() {
    if (this[CORE] === FREED) return;
    this[CORE].free();
    this[IAM].connection?.free();
    this[CORE] = FREED;
    if (defaultInstance === this) defaultInstance = null;
  }

  /** @internal Registers the function that builds connection-bound model classes. */
  static _setBinder(fn) {
    binder = fn;
  }

  /** The normalised host. */
  get host() {
    return this[CORE].host;
  }

  /** The normalised API base path (e.g. `/api/`). */
  get basePath() {
    return this[CORE].basePath;
  }

  /** The core API's URL: `host` + `basePath` (e.g. `https://cytomine.example.org/api/`). */
  get coreUrl() {
    return `${this.host}${this.basePath}`;
  }

  /**
   * The IAM (Keycloak realm) URL, ending in `/`: the `iamUrl` given, else `{host}/iam/realms/cytomine/`.
   * `MyAccount` calls go there.
   */
  get iamUrl() {
    return this[IAM].url;
  }

  /**
   * @internal Sends a request to the IAM: `path` is relative to `iamUrl` (`account`). On the core's
   * origin it goes through this connection; on another origin through a second one with the same
   * settings, token, cookies mode and `onRequest` hook, but never API-key signatures (Keycloak
   * does not read them, and today's core would accept them replayed: delta §1.1).
   */
  async _iamRequest(method, path, options = {}) {
    const iam = this[IAM];
    if (!iam.connection) return this.request(method, `${new URL(iam.url).pathname}${path}`, options);
    try {
      return await iam.connection.request({ ...options, method, path });
    } catch (error) {
      throw withAwaitingFrames(error);
    }
  }

  /** `api-key`, `token` or `none`. */
  get authKind() {
    return this[CORE].authKind;
  }

  /**
   * The server generation: `'5.2'` (core 5.2) or `'2026'` (today's core), as forced by the
   * option `core` or detected on the first request; `null` before, or when detection was
   * impossible and no answer told it yet.
   */
  get core() {
    return this[CORE].core ?? null;
  }

  /**
   * Detects the server generation once (an unauthenticated ping, no credentials sent) and
   * resolves to `'5.2'`, `'2026'` or `null` (could not tell: network or CORS error).
   */
  async detectCore() {
    await this[CORE].detectCore();
    return this.core;
  }

  /** @internal Resolves to the generation (detected once; every request waits for it anyway). */
  _ready() {
    const core = this[CORE].core;
    return core === undefined ? this.detectCore() : Promise.resolve(core);
  }

  /**
   * `url` with this connection's bearer token as a query parameter, for `<img src>` and links
   * where no header can be sent: `Authorization=` on core 5.2, `authorization=` on today's core,
   * which requires it on thumbnails and downloads (delta §1.6). Opt-in: the URL then holds the
   * token, so never log or share it. Rejects for connections without a token.
   */
  async withTokenParameter(url) {
    if (typeof url !== 'string' || !url) throw invalidArgument('url must be a non-empty string');
    await this._ready();
    const token = await this[CORE].currentToken();
    const parsed = new URL(url, this.host);
    parsed.searchParams.set(this[CORE].tokenParameter, `Bearer ${token}`);
    return parsed.href;
  }

  /**
   * The model and collection classes bound to this connection:
   * `const { Project } = other.models; await Project.fetch(5)` talks to `other`.
   */
  get models() {
    let bound = bindersByConnection.get(this);
    if (!bound) {
      // No binder when a bundle kept no model class (js/declare.js registers it).
      bound = binder ? binder(this) : Object.freeze({});
      bindersByConnection.set(this, bound);
    }
    return bound;
  }

  /**
   * Sends a request and resolves to the decoded body. `path` is relative to the base path
   * (`project/{id}.json`, placeholders filled from `params` and validated) or absolute
   * (`/server/ping.json`).
   * @param {string} method
   * @param {string} path
   * @param {{params?: object, query?: object, body?: any, signal?: AbortSignal, timeoutMs?: number,
   *   responseType?: 'json'|'text'|'blob'|'arraybuffer', expect?: string}} [options]
   */
  async request(method, path, options = {}) {
    // Awaited here so that a rejection's stack shows the awaiting method and the user's code.
    try {
      return await this[CORE].request({ ...options, method, path });
    } catch (error) {
      throw withAwaitingFrames(error);
    }
  }

  /** @internal Every page of a list, fetched in parallel (see `Connection.fetchAll`). */
  async requestAllPages(method, path, options = {}) {
    try {
      return await this[CORE].fetchAll({ ...options, method, path });
    } catch (error) {
      throw withAwaitingFrames(error);
    }
  }

  /** The absolute URL of `path` with `params` and `query`, validated, without sending anything. */
  url(path, params = null, query = null) {
    return this[CORE].buildUrl(path, params, query);
  }

  /**
   * Records the command of a command response: core 5.2's numeric `command`, or today's
   * `commandId` (a UUID; there `command` is the command's class name).
   */
  _recordCommand(data) {
    if (!data || typeof data !== 'object') return;
    if (typeof data.commandId === 'string') this.lastCommand = data.commandId;
    else if (data.command !== undefined) this.lastCommand = data.command;
  }

  /**
   * Pings the server → `{alive, version, serverURL, serverID, ...}`: POST `/server/ping.json`
   * on core 5.2; today's core only has `GET /server/ping` (no project).
   */
  async ping(project = null) {
    if ((await this._ready()) === '2026') return this.request('GET', this._serverPath('server/ping'));
    return this.request('POST', this._serverPath('server/ping.json'), { body: { project } });
  }

  /** A path on the server root, next to the API base path (`/server/...` for `/api/`). */
  _serverPath(path) {
    return `${this.basePath.replace(/api\/$/, '')}${path}`;
  }

  /** Opens an admin session; resolves to `adminByNow`. */
  async openAdminSession() {
    const data = await this.request('GET', '/session/admin/open.json');
    return data?.adminByNow === true;
  }

  /** Closes the admin session; resolves to true when no longer admin. */
  async closeAdminSession() {
    const data = await this.request('GET', '/session/admin/close.json');
    return data?.adminByNow !== true;
  }

  /**
   * The UI configuration of the current user, optionally for a project (`/custom-ui/config.json`
   * as cytomine-client; on today's core the connection sends it to `{basePath}custom-ui/config.json`).
   */
  fetchUIConfigCurrentUser(project = null) {
    return this.request('GET', '/custom-ui/config.json', { query: { project: project || null } });
  }

  /** Asks the server to sign a request (API `signature.json`) and resolves to the signature. */
  async fetchSignature(options = {}) {
    const { method = 'GET', uri = '', queryString = '', date = '', contentMD5 = '', contentType = '' } = options ?? {};
    const query = { method, forwardURI: uri, queryString, date, 'content-MD5': contentMD5, 'content-type': contentType };
    const data = await this.request('GET', 'signature.json', { query });
    return data?.signature;
  }

  /** Counts of all domains (`stats/all.json`). */
  fetchTotalCounts() {
    return this.request('GET', 'stats/all.json');
  }

  /** Current statistics (`stats/currentStats.json`). */
  fetchCurrentStats() {
    return this.request('GET', 'stats/currentStats.json');
  }

  /** Storage statistics (`stats/imageserver/total.json`). */
  fetchStorageStats() {
    return this.request('GET', 'stats/imageserver/total.json');
  }

  /**
   * Undoes the last command (or `command`); resolves to the list of undone changes. A command of
   * today's repository service (a UUID, e.g. `lastCommand` after saving a term) is undone with
   * `POST commands/undo/{uuid}`, which resolves to its command response in a one-item list;
   * without an argument, the last command of this connection is undone that way when it is one
   * (the server's legacy undo stack does not hold them).
   */
  async undo(command = null) {
    const uuid = command ?? (isCommandUuid(this.lastCommand) ? this.lastCommand : null);
    if (isCommandUuid(uuid)) {
      const data = await this.request('POST', 'commands/undo/{command:str}', { params: { command: uuid } });
      return [data];
    }
    return this._replay('undo', command);
  }

  /**
   * Redoes the last undone command (or `command`); resolves to the list of redone changes.
   * Today's core has no redo for its repository commands (UUIDs): that rejects.
   */
  async redo(command = null) {
    if (isCommandUuid(command)) {
      throw unsupported('redo() of a repository command (a UUID command id)', '2026', 'its repository commands (ontologies, terms, storages, tags...) have no redo');
    }
    return this._replay('redo', command);
  }

  /**
   * Today's command history of the repository domains (`GET {basePath}commands`, newest first):
   * resolves to the list envelope `{collection, offset, perPage, size, totalPages}` of page `page`
   * (0-based) of `nbPerPage` items, each `{id: uuid, commandRequest: {commandType, data: {before,
   * after}, userId}, created}`. Core 5.2 has no such history (its commands are in
   * `Project.fetchCommandHistory`): rejects there.
   */
  async fetchCommands(options = {}) {
    const { page = 0, nbPerPage = 20 } = options ?? {};
    if (!Number.isSafeInteger(page) || page < 0 || !Number.isSafeInteger(nbPerPage) || nbPerPage < 1) {
      throw invalidArgument('fetchCommands: page must be a non-negative integer and nbPerPage a positive one');
    }
    const core = await this._ready();
    if (core === '5.2') throw unsupported('fetchCommands() (GET commands)', core, 'use Project.fetchCommandHistory()');
    const query = { max: nbPerPage, offset: page * nbPerPage };
    return this.request('GET', 'commands', { query, paging: 'repository', expect: 'list' });
  }

  async _replay(action, command) {
    const path = command ? `command/{command}/${action}.json` : `command/${action}.json`;
    const data = await this.request('GET', path, { params: { command } });
    return data?.collection ?? [];
  }

  /** Never shows credentials. */
  toString() {
    return `[Cytomine ${this.host}${this.basePath} (${this.authKind})]`;
  }

  /** Never shows credentials. */
  toJSON() {
    return { host: this.host, basePath: this.basePath, authKind: this.authKind, core: this.core };
  }
}

/**
 * The connection to an IAM on another origin than `host` (`null` when it is on the same origin):
 * the core connection's settings without API keys, and with the generation fixed so that nothing
 * probes the IAM.
 */
function iamConnection(options, iamUrl, host) {
  const url = new URL(iamUrl);
  if (url.origin === new URL(host).origin) return null;
  const { publicKey, privateKey, basePath, core, ...settings } = options;
  return new wasm.Connection(url.origin, { ...settings, basePath: url.pathname, core: '2026' });
}

/** A command id of today's repository service (a UUID) rather than a legacy numeric id. */
function isCommandUuid(command) {
  return typeof command === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(command);
}

export { CytomineError };
