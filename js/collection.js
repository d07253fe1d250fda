import { defineConnectionAccessors } from './connection-binding.js';
import { invalidArgument, unsupported } from './errors.js';
import { CONNECTION, STATE, fillForDisplay, hide } from './internal.js';

/** Page size used by `for await...of` when the collection has no `nbPerPage`. */
const DEFAULT_ITERATION_PAGE = 100;

/**
 * Base of every collection class: a page (or all) of a Cytomine list, with filters, props sent
 * as query parameters, paging, iteration and parallel `fetchAll`.
 */
export class Collection {
  /**
   * @param {object} [options] `{nbPerPage, filterKey, filterValue, ...props}` as in cytomine-client.
   * Bind to a connection other than the default with `collection.cytomine = other` or by
   * creating it from `other.models`.
   */
  constructor(options = {}) {
    const { nbPerPage = 0, filterKey, filterValue, ...props } = options ?? {};
    hide(this, STATE, { data: [], filter: {}, total: null, nbPages: null, curPage: 0 });
    if (filterKey && filterValue) this.setFilter(filterKey, filterValue);
    if (!Number.isSafeInteger(nbPerPage) || nbPerPage < 0) {
      throw invalidArgument('nbPerPage must be a non-negative integer');
    }
    /** Page size (`max`), 0 = everything in one request. */
    this.max = nbPerPage;
    /** Offset of the current page. */
    this.offset = 0;
    Object.assign(this, this.constructor._defaults);
    this.setProps(props);
  }

  /** The collection declaration (set by `declare.js`). */
  static get spec() {
    throw invalidArgument('Collection is abstract');
  }

  /** The model class of the items. */
  static get model() {
    throw invalidArgument('Collection is abstract');
  }

  /** Filters this collection accepts (`null` = may be fetched unfiltered). */
  static get allowedFilters() {
    return this.spec.filters.map((f) => (f === '' ? null : f));
  }

  /** Whether `save()` is allowed (AnnotationCollection only). */
  static get isSaveAllowed() {
    return this.spec.postSearch !== '';
  }

  /** Fetches every item: `ProjectCollection.fetchAll({filterKey, filterValue, nbPerPage, ...props})`. */
  static fetchAll(options = {}, fetchOptions = {}) {
    return new this(options).fetchAll(fetchOptions);
  }

  /** Copies every prop not starting with `_`. */
  setProps(props) {
    for (const key of Object.keys(props ?? {})) if (!key.startsWith('_')) this[key] = props[key];
  }

  /** Sets the filter (`project`, `user`...), which becomes the URI prefix. */
  setFilter(key, value) {
    const allowed = this.constructor.spec.filters;
    if (!allowed.includes(key)) {
      const names = allowed.filter(Boolean).join(', ') || 'none';
      throw invalidArgument(`${this.constructor.name} does not accept the filter "${key}" (allowed: ${names})`);
    }
    this[STATE].filter = { key, value };
  }

  /** Removes the filter. */
  resetFilter() {
    this[STATE].filter = {};
  }

  /** Callback identifier of the list path. */
  get callbackIdentifier() {
    return this.constructor.spec.cb || this.constructor.model.spec.cb;
  }

  /** The path template without filter. */
  get uriWithoutFilter() {
    return `${this.callbackIdentifier}.json`;
  }

  _template() {
    const spec = this.constructor.spec;
    const { key } = this[STATE].filter;
    if (spec.uri) return spec.uri;
    if (key) return `${key}/{filterValue}/${this.uriWithoutFilter}`;
    if (!spec.filters.includes('')) {
      const names = spec.filters.join(', ');
      throw invalidArgument(`${this.constructor.name} needs a filter (one of: ${names})`);
    }
    return this.uriWithoutFilter;
  }

  /**
   * The URI relative to the base path, e.g. `project/5/imageinstance.json`: the request's path
   * template with its placeholders filled (extensions change `_template`/`_templateParams` only).
   */
  get uri() {
    return fillForDisplay(this._template(), this._uriParams());
  }

  /** Values of the path template's placeholders: the filter value and any extension's. */
  _uriParams() {
    return { filterValue: this[STATE].filter.value, ...this._templateParams() };
  }

  /**
   * The query parameters (or search body): own keys not starting with `_`, non-null; arrays are
   * comma-joined, the form core expects for id lists even in a JSON body.
   */
  getParameters() {
    const out = {};
    for (const key of Object.keys(this)) {
      const value = this[key];
      if (key.startsWith('_') || value === null || value === undefined) continue;
      out[key] = Array.isArray(value) ? value.join(',') : value;
    }
    return out;
  }

  _requestArgs() {
    const spec = this.constructor.spec;
    const params = this._uriParams();
    const parameters = this.getParameters();
    if (this._pagingSwapped()) [parameters.max, parameters.offset] = [parameters.offset, parameters.max];
    if (spec.postSearch) {
      return { method: 'POST', path: spec.postSearch, options: { params, body: parameters } };
    }
    // Today's core pages repository-backed lists with Spring's page/size (the connection
    // translates max/offset for the generation it talks to).
    const paging = this._isRepository() ? 'repository' : undefined;
    return { method: 'GET', path: this._template(), options: { params, query: parameters, paging } };
  }

  /** True when today's core serves this list from its repository service (delta §3.2). */
  _isRepository() {
    return Boolean(this.constructor._modelClass?.spec.repository);
  }

  /**
   * Resolves to the server generation once known; rejects for a list today's core removed
   * (`repository.removed` has `list`: the unfiltered list).
   */
  async _generation() {
    const core = await this.cytomine._ready();
    const removed = this.constructor._modelClass?.spec.repository?.removed ?? [];
    if (core === '2026' && removed.includes('list') && !this[STATE].filter.key) {
      throw unsupported(`${this.constructor.name} without a filter (GET ${this.uriWithoutFilter})`, core);
    }
    return core;
  }

  /** True where core reads `offset` as `max` and the reverse (overridden by extensions). */
  _pagingSwapped() {
    return false;
  }

  /** Extra placeholders for custom URIs (overridden by extensions). */
  _templateParams() {
    return {};
  }

  /** Stores a list envelope's items (`built`: already models) and its totals. */
  _fill(data, append, built = false) {
    const state = this[STATE];
    if (!append) state.data = [];
    state.total = Number.isFinite(data?.size) ? data.size : data?.collection?.length ?? 0;
    state.nbPages = Number.isFinite(data?.totalPages) ? data.totalPages : null;
    const models = built ? data.collection : this._models(data.collection);
    if (state.data.length === 0) state.data = models;
    else for (const model of models) state.data.push(model);
    return this;
  }

  /** The models of a page's items. */
  _models(items) {
    const Item = this.constructor.model;
    const connection = this[CONNECTION];
    const models = new Array(items.length);
    // Every item of a page carries the same Java class name (42 characters for an annotation),
    // parsed into a string of its own each time: the models share one copy instead.
    const className = typeof items[0]?.class === 'string' ? sharedString(items[0].class) : undefined;
    for (let i = 0; i < items.length; i++) {
      const model = new Item(items[i]);
      if (model.class === className) model.class = className;
      if (connection) model.cytomine = connection;
      models[i] = model;
    }
    return models;
  }

  async _fetch(append = false, options = {}) {
    await this._generation();
    // "Everything in one request" (max 0) does not exist on today's repository lists: page it.
    if (this.max === 0 && this._isRepository() && this.cytomine.core !== '5.2') {
      const { method, path, options: request } = this._requestArgs();
      delete request.query.max;
      delete request.query.offset;
      const data = await this.cytomine.requestAllPages(method, path, { ...request, ...options, pageSize: 0 });
      return this._fill(data, append);
    }
    const { method, path, options: request } = this._requestArgs();
    // A search POST only reads: it may be retried like a GET.
    const data = await this.cytomine.request(method, path, { ...request, ...options, expect: 'list', idempotent: true });
    return this._fill(data, append);
  }

  /**
   * Fetches every item. With `nbPerPage > 0`, pages are fetched in parallel (`concurrency`
   * pages in flight, default from the connection); `onProgress({loaded, total})` is called after
   * each page and `signal` cancels everything. Resolves to `this`.
   */
  async fetchAll(fetchOptions = {}) {
    const { signal, onProgress, concurrency } = fetchOptions ?? {};
    await this._generation();
    const { method, path, options } = this._requestArgs();
    const state = this[STATE];
    // The connection sets the paging of each page; the parameters are a fresh object.
    const parameters = options.query ?? options.body;
    delete parameters.max;
    delete parameters.offset;
    const data = await this.cytomine.requestAllPages(method, path, {
      ...options,
      pageSize: this.max,
      swapPaging: this._pagingSwapped(),
      signal,
      onProgress,
      concurrency,
      // Models are built as each page arrives, while the other pages are still in flight.
      mapPage: (items) => this._models(items),
    });
    this.offset = 0;
    state.curPage = 0;
    return this._fill(data, false, true);
  }

  /** Fetches page `numPage` (0-based) of `nbPerPage` items; resolves to `this`. */
  async fetchPage(numPage = 0, append = false, options = {}) {
    const state = this[STATE];
    const page = numPage === null ? state.curPage : numPage;
    if (!Number.isSafeInteger(page)) throw invalidArgument('page number must be an integer');
    const outOfBounds = (n) => n < 0 || (state.nbPages !== null && n >= state.nbPages && n > 0);
    // Refused before any request; the current page is left unchanged.
    if (outOfBounds(page)) throw invalidArgument(`Page ${page} out of bounds (${state.nbPages} pages)`);
    state.curPage = page;
    this.offset = state.curPage * this.max;
    await this._fetch(append, options);
    if (outOfBounds(page)) throw invalidArgument(`Page ${page} out of bounds (${state.nbPages} pages)`);
    return this;
  }

  /** Fetches the next page. */
  fetchNextPage(append = false) {
    return this.fetchPage(this[STATE].curPage + 1, append);
  }

  /** Fetches the previous page. */
  fetchPreviousPage(append = false) {
    return this.fetchPage(this[STATE].curPage - 1, append);
  }

  /** Current page index. */
  get curPage() {
    return this[STATE].curPage;
  }

  set curPage(value) {
    this[STATE].curPage = value;
  }

  /** Number of items held. */
  get length() {
    return this[STATE].data.length;
  }

  /** Total number of items on the server (after a fetch). */
  get totalNbItems() {
    return this[STATE].total;
  }

  /** Number of pages on the server (after a fetch). */
  get nbPages() {
    return this[STATE].nbPages;
  }

  /** The items as an array (the collection's own storage). */
  get array() {
    return this[STATE].data;
  }

  /** Item `i`. */
  get(i) {
    return this[STATE].data[i];
  }

  /** Adds a model (must be an instance of the collection's model). */
  push(model) {
    if (!(model instanceof this.constructor._modelClass)) {
      throw invalidArgument(`${this.constructor.name} only holds ${this.constructor.model.name} objects`);
    }
    this[STATE].data.push(model);
  }

  /** Calls `fn` for each item. */
  forEach(fn, thisArg) {
    this[STATE].data.forEach(fn, thisArg);
  }

  /** Iterates over the items held. */
  [Symbol.iterator]() {
    return this[STATE].data[Symbol.iterator]();
  }

  /**
   * Iterates over every item on the server, fetching pages lazily (`nbPerPage` items, or 100).
   * Does not change the items held.
   */
  async *[Symbol.asyncIterator]() {
    const page = this.clone();
    page.max = this.max || DEFAULT_ITERATION_PAGE;
    for (let n = 0; ; n++) {
      page.offset = n * page.max;
      await page._fetch(false);
      yield* page[STATE].data;
      const total = page[STATE].total ?? 0;
      if (page.length === 0 || page.offset + page.length >= total) return;
    }
  }

  /** A copy with the same props, filter and connection, without items. */
  clone() {
    const copy = new this.constructor(JSON.parse(JSON.stringify(this)));
    copy[STATE].filter = { ...this[STATE].filter };
    if (this[CONNECTION]) copy.cytomine = this[CONNECTION];
    return copy;
  }

  /** Creates all held items in one request (AnnotationCollection only). */
  async save() {
    if (!this.constructor.isSaveAllowed) throw invalidArgument(`${this.constructor.name} cannot be saved`);
    const body = this[STATE].data.map((m) => m.getPublicProperties());
    return this.cytomine.request('POST', `${this.constructor.model.spec.cb}.json`, { body });
  }

  /** `[project collection] 3 objects`. */
  toString() {
    return `[${this.callbackIdentifier} collection] ${this.length} objects`;
  }
}

defineConnectionAccessors(Collection);

/** Declared props (null) and defaults of a collection declaration. */
export function collectionDefaults(spec) {
  const defaults = {};
  for (const name of spec.props) defaults[name] = null;
  // The spread copy is a fast-properties object (one built key by key may not be), so the
  // `Object.assign` of these defaults into each new collection stays on V8's fast path.
  return { ...Object.assign(defaults, spec.defaults) };
}

const sharedStrings = new Map();

/** One shared copy of a recurring string (a bounded set: Java class names). */
function sharedString(value) {
  let shared = sharedStrings.get(value);
  if (shared === undefined) {
    if (sharedStrings.size >= 256) sharedStrings.clear();
    sharedStrings.set(value, value);
    shared = value;
  }
  return shared;
}
