import { defineConnectionAccessors } from './connection-binding.js';
import { invalidArgument, unsupported } from './errors.js';
import { CONNECTION, hide, fillForDisplay } from './internal.js';

const BASE_FIELDS = ['id', 'class', 'created', 'updated', 'deleted'];

/**
 * Base of every model class. A model is a plain JS object with the Cytomine fields it was given
 * or received as own properties (`Object.keys`, spread and `JSON.stringify` see exactly them;
 * declared fields it lacks read null through the prototype); each class is generated from its
 * domain's declaration (`spec`) into js/generated/ and completed by `declare.js`.
 */
export class Model {
  /** Declared fields that are accessors of the class, set null by the constructor (`declare.js`). */
  static _accessorFields = Object.freeze([]);

  /**
   * @param {object} [props] initial fields (every key is copied, as in cytomine-client). Bind a
   * model to a connection other than the default with `model.cytomine = other` or by creating
   * it from `other.models`.
   */
  constructor(props = {}) {
    for (const name of this.constructor._accessorFields) this[name] = null;
    if (props !== null && props !== undefined) this.populate(props);
  }

  /** The declaration of the domain (set by `declare.js`). */
  static get spec() {
    throw invalidArgument('Model is abstract');
  }

  /** Callback identifier (URI stem, key of the object in command responses). */
  static get callbackIdentifier() {
    return this.spec.cb;
  }

  /** Instance callback identifier. */
  get callbackIdentifier() {
    return this.constructor.spec.cb;
  }

  /** Copies every key of `props` into the model (`uri` is kept as `uri_`); returns `this`. */
  populate(props) {
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      throw invalidArgument(`${this.constructor.name}.populate expects an object`);
    }
    // Object.assign sets each key like `this[key] = value` (setters run), in one fast native call.
    if (props.uri === undefined) {
      Object.assign(this, props);
    } else {
      for (const key of Object.keys(props)) {
        if (key === 'uri') this.uri_ = props.uri;
        else this[key] = props[key];
      }
    }
    // A record of today's core (`ontologyId`...) also fills the name cytomine-client users know
    // (`ontology`...), so code reads the same fields whichever server answered.
    const renamed = this.constructor.spec.repository?.renamed;
    if (renamed) {
      for (const [legacy, today] of renamed) {
        if (props[today] !== undefined && props[legacy] === undefined) this[legacy] = props[today];
      }
    }
    return this;
  }

  /** True when the model has not been saved (no id). */
  isNew() {
    return this.id === null || this.id === undefined;
  }

  /** The fields sent on save/update: own keys not starting with `_`, non-null. */
  getPublicProperties() {
    const out = {};
    for (const key of Object.keys(this)) {
      const value = this[key];
      if (key.startsWith('_') || value === null || value === undefined) continue;
      out[key === 'uri_' ? 'uri' : key] = value;
    }
    return out;
  }

  /**
   * The path template: the creation URI when `create`, else the URI of the existing object
   * (which for composite keys, e.g. a relation known by its two terms, needs no id).
   */
  _template(create = this.isNew()) {
    const { uri, cb } = this.constructor.spec;
    if (uri === 'standard') return create ? `${cb}.json` : `${cb}/{id}.json`;
    if (uri === 'domain') {
      const stem = `domain/{domainClassName:str}/{domainIdent}/${cb}`;
      return create ? `${stem}.json` : `${stem}/{id}.json`;
    }
    return create ? uri.new : uri.existing;
  }

  /** The URI of the model, relative to the API base path (e.g. `project/5.json`). */
  get uri() {
    return fillForDisplay(this._template(), this);
  }

  /** Throws (inside the calling async method, so it rejects) when `operation` is disabled. */
  _refuse(operation) {
    if (this.constructor.spec.disabled.includes(operation)) {
      throw invalidArgument(`${this.constructor.name} does not support ${operation}()`);
    }
  }

  /**
   * Resolves to the connection's server generation, rejecting when `operation` is one whose
   * route that generation removed (the domain's `repository.removed`).
   */
  async _generation(operation) {
    const core = await this.cytomine._ready();
    if (core === '2026' && this.constructor.spec.repository?.removed.includes(operation)) {
      throw unsupported(`${this.constructor.name}.${operation}()`, core);
    }
    return core;
  }

  /** Sends a request for this model through its connection. */
  _request(method, template, options = {}) {
    return this.cytomine.request(method, template, { params: this, ...options });
  }

  /** Fetches a model by id. */
  static async fetch(id) {
    // Awaited (not returned) so that a rejection's stack names this method.
    return await new this({ id }).fetch();
  }

  /** Reloads the model from the server; resolves to `this`. */
  async fetch() {
    // A refused operation rejects: every method that returns a promise reports failures through it.
    this._refuse('fetch');
    return this.populate(await this._send('GET', 'fetch', { expect: 'object' }));
  }

  /** Creates the model when new, else updates it; resolves to `this`. */
  async save() {
    if (!this.isNew()) return this.update();
    const core = await this._generation('save');
    const create = (core === '2026' && this.constructor.spec.repository?.create) || this._template(true);
    const data = await this._request('POST', create, {
      body: this._body(core),
      expect: `command:${this.callbackIdentifier}`,
    });
    return this._fromCommand(data);
  }

  /**
   * The JSON body of save/update. For today's core a repository domain's body also carries
   * today's names of renamed fields (`tagId` for `tag`...); unknown keys are ignored there.
   */
  _body(core = null) {
    const body = this.getPublicProperties();
    const renamed = core === '2026' ? this.constructor.spec.repository?.renamed : undefined;
    for (const [legacy, today] of renamed ?? []) {
      if (body[legacy] !== undefined && body[today] === undefined) body[today] = body[legacy];
    }
    return body;
  }

  /** Records the command and populates from its object (5.2's `<cb>` key or today's `data`). */
  _fromCommand(data) {
    this.cytomine._recordCommand(data);
    return this.populate(data[this.callbackIdentifier] ?? data.data);
  }

  /**
   * Sends the whole model; resolves to `this`. Core 5.2's PUT replaces the object; today's
   * repository PUT is partial, and every field sent is set, so the result is the same.
   */
  async update() {
    this._refuse('update');
    return await this._update();
  }

  async _update() {
    const core = await this._generation('update');
    const expect = `command:${this.callbackIdentifier}`;
    const data = await this._send('PUT', 'update', { body: this._body(core), expect });
    return this._fromCommand(data);
  }

  /** Deletes a model by id. */
  static async delete(id) {
    return await new this({ id }).delete();
  }

  /** Deletes the model on the server. */
  async delete() {
    this._refuse('delete');
    this.cytomine._recordCommand(await this._send('DELETE', 'delete'));
  }

  /** A request on the existing object (a model with a standard URI needs its id). */
  async _send(method, operation, options = {}) {
    if (this.isNew() && this.constructor.spec.uri === 'standard') {
      throw invalidArgument(`Cannot ${operation} a ${this.constructor.name} with no id`);
    }
    const core = await this._generation(operation);
    return this._request(method, this._existingTemplate(operation, core), options);
  }

  /** The URI template of `operation` on the existing object for server generation `core`. */
  _existingTemplate(operation, core) {
    return this._template(false);
  }

  /** A deep copy (same class, same connection). */
  clone() {
    const copy = new this.constructor(JSON.parse(JSON.stringify(this)));
    if (this[CONNECTION]) copy.cytomine = this[CONNECTION];
    return copy;
  }

  /** `[project] 5: name`. */
  toString() {
    const label = this.constructor.spec.label;
    const suffix = label && this[label] ? `: ${this[label]}` : '';
    return `[${this.callbackIdentifier}] ${this.id}${suffix}`;
  }
}

defineConnectionAccessors(Model);

/**
 * Gives `ModelClass` the field defaults (all null) of its declaration, including the base fields.
 * Each default is a non-enumerable `null` on the prototype, so reading a field the server did not
 * send gives `null` (as in cytomine-client) while a model holds only the fields it was given: a
 * list fetched with `showWKT`/`showTerm` keeps its 11 annotation fields, not 22 with 11 nulls
 * (faster to build, a third less memory). Returns the names that already are accessors of the
 * class (e.g. `Annotation.type`): the constructor assigns those null, so their setters run.
 */
export function installDefaults(ModelClass, spec) {
  const accessorFields = [];
  for (const name of [...BASE_FIELDS, ...spec.fields]) {
    if (name in ModelClass.prototype) accessorFields.push(name);
    else Object.defineProperty(ModelClass.prototype, name, { value: null, writable: true, configurable: true, enumerable: false });
  }
  return Object.freeze(accessorFields);
}
