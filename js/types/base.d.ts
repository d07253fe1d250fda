// Hand-written types of the package core. The model and collection classes are generated from
// the Rust domain declarations into ../index.d.ts (`UPDATE_GENERATED=1 cargo test generated`).

/** An id: a positive integer, or a string of digits. */
export type Id = number | string;

/** The `cache` modes of `fetch` a request may use. */
/** A Cytomine core generation: core 5.2 or today's core. */
export type CoreGeneration = '5.2' | '2026';

export type RequestCacheMode = 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache';

/** Options of a connection. */
export interface CytomineOptions {
  /** API base path, default `/api/`. */
  basePath?: string;
  /** API public key (with `privateKey`): requests are signed with HMAC-SHA1. */
  publicKey?: string;
  /** API private key; never sent, never shown in errors or logs. */
  privateKey?: string;
  /** Bearer token, or a function called before each request that returns one. */
  token?: string | (() => string | Promise<string>);
  /** `fetch` credentials mode; `'include'` sends the session cookie cross-origin. */
  credentials?: 'omit' | 'same-origin' | 'include';
  /**
   * `fetch` cache mode of every request. Default: `no-store` for JSON and text answers in
   * browsers (Cytomine sends them without freshness information: a stored copy could never be
   * reused), the browser's default for images and other binary answers; nothing elsewhere.
   */
  cache?: RequestCacheMode;
  /** Timeout of each attempt in ms (default 30000). */
  timeoutMs?: number;
  /** Retries of GET/HEAD on network errors, 429, 502, 503, 504 (default 3; never for writes). */
  retries?: number;
  /** Delay before the first retry in ms, doubled each time (default 250). */
  retryDelayMs?: number;
  /** Requests this connection keeps in flight at most (default 16). */
  maxConcurrentRequests?: number;
  /** Pages `fetchAll` keeps in flight (default 6). */
  pageConcurrency?: number;
  /** Largest accepted response body in bytes (default 256 MiB). */
  maxResponseBytes?: number;
  /**
   * The server generation: `'5.2'` (core 5.2) or `'2026'` (today's core, `cytomine/cytomine`).
   * Default: detected on the first request by an unauthenticated ping.
   */
  core?: CoreGeneration;
  /**
   * The function requests go through, with the signature of `fetch`. Default: the global
   * `fetch` in browsers and workers; in Node, undici's `request` through undici's global
   * dispatcher (so `setGlobalDispatcher` proxies and mocks apply), or the global `fetch` when a
   * script has replaced it (before or after the import).
   */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /**
   * The Keycloak realm's URL (where `MyAccount` goes), e.g.
   * `https://cytomine.example.org/iam/realms/cytomine/`. Default: `{host}/iam/realms/cytomine/`.
   */
  iamUrl?: string;
  /**
   * Sees each request before it is signed and may add, change or remove headers (an axios-style
   * request interceptor). Never sees the connection's credentials; the connection's own
   * `Authorization` replaces any it sets.
   */
  onRequest?: (request: OutgoingRequest) => OutgoingRequest | { headers: Record<string, string | number | boolean | null | undefined> } | void | Promise<OutgoingRequest | { headers: Record<string, string | number | boolean | null | undefined> } | void>;
}

/** What an `onRequest` hook receives: only `headers` can be changed. */
export interface OutgoingRequest {
  /** Upper case (`GET`, `POST`...). */
  readonly method: string;
  /** The full URL. */
  readonly url: string;
  /** The JSON text of the body, the body as given (FormData, Blob...), or undefined. */
  readonly body: unknown;
  /** The headers so far (`Accept`, `Content-Type`), without credentials. */
  headers: Record<string, string | number | boolean | null | undefined>;
}

/** Options of a single request. */
export interface RequestOptions {
  /** Values of the path placeholders (`{id}`), validated. */
  params?: Record<string, unknown> | null;
  /** Query parameters (arrays are comma-joined, `{name: {ilike: 'x'}}` gives `name[ilike]=x`). */
  query?: Record<string, unknown> | null;
  /**
   * JSON body; a FormData, Blob, File, URLSearchParams, ArrayBuffer or typed array (of any realm:
   * an iframe's, a `vm` context's) is sent as it is.
   */
  body?: unknown;
  /** Cancels the request. */
  signal?: AbortSignal;
  /** Timeout override in ms. */
  timeoutMs?: number;
  /** `fetch` cache mode of this request, overriding the connection's. */
  cache?: RequestCacheMode;
  /** How to read the body (default `json`). */
  responseType?: 'json' | 'text' | 'blob' | 'arraybuffer';
  /** Checks the shape of the answer: `list`, `object` or `command:<key>`. */
  expect?: string;
  /** Marks a POST that only reads (a search) as safe to retry like a GET. */
  idempotent?: boolean;
}

/** A connection to a Cytomine server. */
export declare class Cytomine {
  /** `host` may carry the base path (`https://cytomine.example.org/api/`). */
  constructor(host: string, options?: CytomineOptions);
  /** cytomine-client 3.1.0's form. */
  constructor(host: string, basePath: string, iamPath?: string | null, interceptor?: CytomineOptions['onRequest'] | null);
  /** The form of Cytomine's web UI (`web-ui/src/api`): `iamUrl` is an absolute URL. */
  constructor(coreUrl: string, iamUrl: string, interceptor?: CytomineOptions['onRequest'] | null, options?: Omit<CytomineOptions, 'basePath' | 'iamUrl' | 'onRequest'>);
  /** The default connection (the first created, or the one given to `setDefault`). */
  static readonly instance: Cytomine;
  /** Makes `cytomine` the default connection. */
  static setDefault(cytomine: Cytomine): void;
  /** Bytes of WebAssembly memory the package holds (a diagnostic). */
  static readonly wasmMemoryBytes: number;
  /** Releases the connection's WebAssembly state now; its calls then reject with `invalid-argument` (a second call does nothing). */
  free(): void;
  readonly host: string;
  readonly basePath: string;
  /** `host` + `basePath`. */
  readonly coreUrl: string;
  /** The Keycloak realm's URL, ending in `/`. */
  readonly iamUrl: string;
  readonly authKind: 'api-key' | 'token' | 'none';
  /** The server generation once forced or detected, else null. */
  readonly core: CoreGeneration | null;
  /** Detects the server generation once (unauthenticated ping); null when it cannot tell. */
  detectCore(): Promise<CoreGeneration | null>;
  /**
   * `url` with the connection's bearer token as the query parameter the server reads
   * (`Authorization=` on 5.2, `authorization=` today), for `<img src>`. The URL holds the token.
   */
  withTokenParameter(url: string): Promise<string>;
  /** Id of the last command, for `undo()`: a number (core 5.2, legacy domains) or a UUID (today's repository domains). */
  lastCommand: number | string | null;
  /** The model and collection classes bound to this connection. */
  readonly models: import('../index.js').BoundModels;
  request<T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD', path: string, options?: RequestOptions): Promise<T>;
  url(path: string, params?: Record<string, unknown> | null, query?: Record<string, unknown> | null): string;
  ping(project?: number | null): Promise<{ alive: boolean; version?: string; serverURL?: string; serverID?: string; [key: string]: unknown }>;
  openAdminSession(): Promise<boolean>;
  closeAdminSession(): Promise<boolean>;
  fetchUIConfigCurrentUser(project?: number | null): Promise<Record<string, boolean>>;
  fetchSignature(options?: { method?: string; uri?: string; queryString?: string; date?: string; contentMD5?: string; contentType?: string }): Promise<string>;
  fetchTotalCounts(): Promise<Record<string, number>>;
  fetchCurrentStats(): Promise<Record<string, number>>;
  fetchStorageStats(): Promise<Record<string, number>>;
  undo(command?: number | string | null): Promise<Array<Record<string, unknown>>>;
  /** Today's repository command history (newest first), a page of it; rejects on core 5.2. */
  fetchCommands(options?: { page?: number; nbPerPage?: number }): Promise<{ collection: Array<{ id: string; commandRequest: { commandType: string; data: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }; userId: number }; created: string }>; offset: number; perPage: number; size: number; totalPages: number }>;
  /** Rejects (`unsupported`) for a UUID command: today's core has no redo for them. */
  redo(command?: number | string | null): Promise<Array<Record<string, unknown>>>;
  toJSON(): { host: string; basePath: string; authKind: string; core: CoreGeneration | null };
}

/** Every failure of the package. */
export declare class CytomineError extends Error {
  constructor(message: string, details?: Partial<CytomineErrorDetails>);
  readonly name: 'CytomineError';
  kind: CytomineErrorDetails['kind'];
  status: number | null;
  method: string | null;
  url: string | null;
  serverMessage: string | null;
  mayHaveReachedServer: boolean;
  toJSON(): CytomineErrorDetails & { name: string; message: string };
}

export interface CytomineErrorDetails {
  kind: 'invalid-argument' | 'network' | 'timeout' | 'aborted' | 'http' | 'decode' | 'auth' | 'too-large' | 'unsupported';
  status: number | null;
  method: string | null;
  url: string | null;
  serverMessage: string | null;
  mayHaveReachedServer: boolean;
}

/** Base of every model. */
export declare class Model {
  id: number | null;
  class: string | null;
  created: string | null;
  updated: string | null;
  deleted: string | null;
  [key: string]: unknown;
  /** Callback identifier (URI stem). */
  static readonly callbackIdentifier: string;
  readonly callbackIdentifier: string;
  /** The connection used by this model. */
  cytomine: Cytomine;
  /** The URI relative to the API base path. */
  readonly uri: string;
  static fetch(...args: any[]): Promise<Model>;
  static delete(...args: any[]): Promise<void>;
  fetch(): Promise<this>;
  save(): Promise<this>;
  update(): Promise<this>;
  delete(): Promise<void>;
  isNew(): boolean;
  populate(props: Record<string, unknown>): this;
  getPublicProperties(): Record<string, unknown>;
  clone(): this;
  toString(): string;
}

/** Options of a collection: paging, a filter and props sent as query parameters. */
export interface CollectionOptions<Filter extends string> {
  /** Page size; 0 (default) fetches everything in one request. */
  nbPerPage?: number;
  filterKey?: Filter;
  filterValue?: Id;
  [prop: string]: unknown;
}

/** Options of `fetchAll`. */
export interface FetchAllOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { loaded: number; total: number }) => void;
  /** Pages in flight (default: the connection's `pageConcurrency`). */
  concurrency?: number;
}

/** Base of every collection. */
export declare class Collection<T extends Model, Filter extends string = string> implements Iterable<T>, AsyncIterable<T> {
  max: number;
  offset: number;
  [prop: string]: unknown;
  static readonly allowedFilters: Array<string | null>;
  static readonly isSaveAllowed: boolean;
  cytomine: Cytomine;
  readonly length: number;
  readonly totalNbItems: number | null;
  readonly nbPages: number | null;
  curPage: number;
  readonly array: T[];
  readonly uri: string;
  readonly uriWithoutFilter: string;
  readonly callbackIdentifier: string;
  setFilter(key: Filter, value: Id): void;
  resetFilter(): void;
  setProps(props: Record<string, unknown>): void;
  getParameters(): Record<string, unknown>;
  fetchAll(options?: FetchAllOptions): Promise<this>;
  fetchPage(numPage?: number, append?: boolean): Promise<this>;
  fetchNextPage(append?: boolean): Promise<this>;
  fetchPreviousPage(append?: boolean): Promise<this>;
  get(index: number): T | undefined;
  push(model: T): void;
  forEach(fn: (model: T, index: number) => void, thisArg?: unknown): void;
  clone(): this;
  save(): Promise<unknown>;
  toString(): string;
  [Symbol.iterator](): Iterator<T>;
  [Symbol.asyncIterator](): AsyncIterator<T>;
}

/** Options of `keycloakToken`. */
export interface KeycloakTokenOptions {
  /** The Cytomine (or Keycloak) origin, e.g. `https://cytomine.example.org` (or give `iamUrl`). */
  url?: string;
  /** The realm's URL, e.g. `https://cytomine.example.org/iam/realms/cytomine/` (instead of `url`). */
  iamUrl?: string;
  username: string;
  password: string;
  /** Default `cytomine`. */
  realm?: string;
  /** Default `core` (the public client of today's Cytomine). */
  clientId?: string;
  /** Where Keycloak is served on that origin (default `/iam`). */
  iamPath?: string;
  /** Refresh when the access token expires within this many seconds (default 30). */
  refreshMarginSeconds?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * A token function for the `token` option, from Keycloak's password grant (today's Cytomine),
 * refreshed before expiry.
 */
export declare function keycloakToken(options: KeycloakTokenOptions): () => Promise<string>;
