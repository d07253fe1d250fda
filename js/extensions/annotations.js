// Annotations: types and their endpoints, crops, terms with composite keys, comments, tracks and links, the search collection's extra calls.
import { CytomineError, invalidArgument, unsupported } from '../errors.js';
import { hide } from '../internal.js';
import { domainModel, domainCollection, annotationIdent, commentStem, resized, imageFormat, PROFILE, ANNOTATION_TYPES } from './shared.js';

/** What `Annotation` adds to its declared class. */
export const AnnotationExtension = (Base) =>
  class extends Base {
    /** Fetches an annotation; `type` (an `AnnotationType`) selects the specific endpoint. */
    static async fetch(id, type = null) {
      const annotation = new this({ id });
      if (type) annotation.type = type;
      return await annotation.fetch();
    }

    /** The annotation type (`AnnotationType.USER`...), derived from `class`. */
    get type() {
      const cls = typeof this.class === 'string' ? this.class : '';
      return ANNOTATION_TYPES.find((t) => cls.endsWith(t)) ?? this._type ?? null;
    }

    set type(value) {
      if (!ANNOTATION_TYPES.includes(value)) throw invalidArgument(`unknown annotation type ${value}`);
      hide(this, '_type', value);
    }

    _template(create = this.isNew()) {
      const type = this._type;
      if (!type) return super._template(create);
      const stem = type.toLowerCase();
      return create ? `${stem}.json` : `${stem}/{id}.json`;
    }

    /** Intensity profile along the annotation (`axis`); kept on the model with `cache`. */
    async fetchProfileProjections(axis = null, cache = false) {
      if (this.isNew()) throw invalidArgument('Cannot fetch the profile of an annotation with no id');
      if (cache && this[PROFILE]) return this[PROFILE];
      const data = await this._request('GET', 'annotation/{id}/profile/projections.json', { query: { axis } });
      if (cache) hide(this, PROFILE, data);
      return data;
    }

    /** Records a user action on the annotation (`select`...); resolves to the recorded action. */
    recordAction(action = 'select') {
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot record an action on an annotation with no id'));
      return this.cytomine.request('POST', 'annotation_action.json', { body: { annotationIdent: this.id, action } });
    }

    /**
     * Adds (or with `remove` removes) `location` to the annotations it touches in `image`
     * (or to `annotation`); resolves to the corrected annotation.
     */
    static async correctAnnotations(options = {}) {
      const { image, location, review, remove, layers, annotation } = options ?? {};
      const cytomine = this.cytomine;
      const data = await cytomine.request('POST', 'annotationcorrection.json', {
        body: { image, location, review, remove, layers, annotation },
      });
      cytomine._recordCommand(data);
      const corrected = new this(data?.annotation ?? data?.reviewedannotation ?? {});
      return corrected;
    }

    /** The crop URL at another size or format, or null. */
    annotationCropURL(maxSize = 256, format = 'jpg', otherParameters = {}) {
      return resized(this.cropURL, maxSize, format, otherParameters);
    }

    /**
     * The crop as a `Blob`, fetched with this connection's credentials. Options: `maxSize`,
     * `format` (png, jpg, webp), `draw` (outline), `color`, `thickness`, `increaseArea`,
     * `square`, `alphaMask`, `signal`.
     */
    async fetchCrop(options = {}) {
      const { format = 'png', signal, ...parameters } = options ?? {};
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot fetch the crop of an annotation with no id'));
      return this.cytomine.request('GET', `annotation/{id}/crop.${imageFormat(format)}`, {
        params: { id: this.id },
        query: parameters,
        responseType: 'blob',
        signal,
      });
    }
  };

/** What `AnnotationTerm` adds to its declared class. */
export const AnnotationTermExtension = (Base) =>
  class extends Base {
    constructor(props = {}) {
      super(props);
      // `userannotation` is what the server sends and expects; `annotation` is the alias users know.
      if (this.annotation === null && this.userannotation !== null) this.annotation = this.userannotation;
      this.id ??= 0;
    }

    isNew() {
      return this.id === null || this.id === 0;
    }

    static async fetch(annotation, term) {
      return await new this({ annotation, term, id: 0 }).fetch();
    }

    static async delete(annotation, term, user = null) {
      return await new this({ annotation, term, user, id: 0 }).delete();
    }

    /** An existing annotation term with a `user` is that user's (`.../user/{user}.json`), as in cytomine-client. */
    _template(create = this.isNew()) {
      if (!create && this.user !== null && this.user !== undefined) return 'annotation/{annotation}/term/{term}/user/{user}.json';
      return super._template(create);
    }

    async fetch() {
      return this.populate(await this._request('GET', this._template(false), { expect: 'object' }));
    }

    async delete() {
      this.cytomine._recordCommand(await this._request('DELETE', this._template(false)));
    }

    populate(props) {
      super.populate(props);
      if (props && props.userannotation !== undefined) this.annotation = props.userannotation;
      return this;
    }

    _body() {
      const body = this.getPublicProperties();
      body.userannotation = this.annotation;
      delete body.annotation;
      delete body.id;
      return body;
    }

    /** Replaces the caller's terms on the annotation (all users' with `clearForAllUsers`). */
    async saveAndClearPrevious(clearForAllUsers = false) {
      const data = await this._request('POST', 'annotation/{annotation}/term/{term}/clearBefore.json', {
        query: { clearForAll: Boolean(clearForAllUsers) },
        body: this._body(),
        expect: 'command:annotationterm',
      });
      this.cytomine._recordCommand(data);
      return this.populate(data.annotationterm);
    }
  };

/** What `AnnotationComment` adds to its declared class. */
export const AnnotationCommentExtension = (Base) =>
  class extends domainModel(Base) {
    /** The annotation commented (a USER or ALGO annotation); alias of `object`. */
    get annotation() {
      return this.object;
    }

    set annotation(annotation) {
      this.object = annotation;
    }

    get object() {
      return super.object;
    }

    set object(annotation) {
      if (!['UserAnnotation', 'AlgoAnnotation'].includes(annotation?.type)) {
        throw invalidArgument('Comment functionality not available for this type of annotation');
      }
      super.object = annotation;
    }

    /** Alias of `domainIdent` (the annotation's id), as in cytomine-client. */
    get annotationIdent() {
      return this.domainIdent;
    }

    set annotationIdent(value) {
      this.domainIdent = value;
    }

    /** Alias of `domainClassName` (the annotation's class), as in cytomine-client. */
    get annotationClassName() {
      return this.domainClassName;
    }

    set annotationClassName(value) {
      this.domainClassName = value;
    }

    /** `userannotation` or `algoannotation`, the first part of the URI. */
    get commentStem() {
      return commentStem(this.domainClassName);
    }
  };

/** What `AnnotationCommentCollection` adds to its declared class. */
export const AnnotationCommentCollectionExtension = (Base) =>
  class extends domainCollection(Base) {
    /** The annotation whose comments are listed; alias of `object`. */
    get annotation() {
      return this.object;
    }

    set annotation(annotation) {
      this.object = annotation;
    }

    /** The annotation's id (alias of `domainIdent`), or null. */
    get annotationIdent() {
      return this.domainIdent;
    }

    /** The annotation's class (alias of `domainClassName`), or null. */
    get annotationClassName() {
      return this.domainClassName;
    }

    _template() {
      if (!this.object) throw invalidArgument('AnnotationCommentCollection needs an annotation');
      return '{commentStem:str}/{domainIdent}/comment.json';
    }

    _templateParams() {
      return this.object ? { commentStem: commentStem(this.object.class), domainIdent: this.object.id } : {};
    }
  };

/** What `AnnotationTrack` adds to its declared class. */
export const AnnotationTrackExtension = annotationIdent('track');

/** What `AnnotationLink` adds to its declared class. */
export const AnnotationLinkExtension = annotationIdent('group');

/** What `AnnotationCollection` adds to its declared class. */
export const AnnotationCollectionExtension = (Base) =>
  class extends Base {
    /** Accepts (`accept: true`) or rejects every annotation of `image` by `users` in review. */
    static async reviewAll(options = {}) {
      const { accept = false, image, users = [], task = null } = options ?? {};
      await this.cytomine.request(accept ? 'POST' : 'DELETE', 'imageinstance/{image}/annotation/review.json', {
        params: { image },
        query: { users: [].concat(users ?? []).join(','), task },
      });
    }

    /**
     * URL of the project's annotation report (`pdf`, `csv`, `xls`) with this search's filters
     * (core 5.2's GET). Today's core has only the POST: use `download(format)` there.
     */
    getDownloadURL(format = 'pdf') {
      if (!this.project) throw invalidArgument('Cannot construct download URL if no project ID is provided.');
      if (this.cytomine.core === '2026') {
        throw unsupported('AnnotationCollection.getDownloadURL() (GET project/{p}/annotation/download)', '2026', 'the report is a POST there: use download(format)');
      }
      return this.cytomine.url('project/{project}/annotation/download', { project: this.project }, this._reportFilters(format, (v) => v.join(',')));
    }

    /**
     * The project's annotation report (`pdf`, `csv`, `xls`) with this search's filters, as a
     * `Blob`: `GET ...annotation/download?format=...` on core 5.2, `POST` with a JSON body
     * (list filters as arrays of strings) on today's core.
     */
    async download(format = 'pdf', { signal } = {}) {
      if (!this.project) throw invalidArgument('Cannot download a report if no project ID is provided.');
      const path = 'project/{project}/annotation/download';
      const params = { project: this.project };
      if ((await this.cytomine._ready()) === '2026') {
        const body = this._reportFilters(format, (v) => v.map(String));
        return this.cytomine.request('POST', path, { params, body, responseType: 'blob', signal });
      }
      const query = this._reportFilters(format, (v) => v.join(','));
      return this.cytomine.request('GET', path, { params, query, responseType: 'blob', signal });
    }

    /**
     * Creates every new annotation held (those with no id) with bulk POSTs of `chunkSize`
     * items (default 100; core takes a JSON array on `annotation.json`, one transaction per
     * item), `concurrency` chunks in flight (default 1). `onProgress({done, total, created,
     * failed})` is called after each chunk; `signal` cancels the chunks not yet sent.
     * Resolves to `{created: [{index, annotation, id}], failed: [{index, annotation, error}]}`
     * (`index` in the held items; created models get their `id`). A chunk whose answer is lost
     * fails as a whole with the request's error (`mayHaveReachedServer` tells whether some of
     * it may exist), never retried, so nothing is created twice.
     */
    async save(options = {}) {
      const { chunkSize = 100, concurrency = 1, onProgress, signal } = options ?? {};
      if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw invalidArgument('chunkSize must be a positive integer');
      if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw invalidArgument('concurrency must be a positive integer');
      const pending = [];
      this.forEach((annotation, index) => {
        if (annotation.isNew()) pending.push({ index, annotation });
      });
      const chunks = [];
      for (let i = 0; i < pending.length; i += chunkSize) chunks.push(pending.slice(i, i + chunkSize));
      const result = { created: [], failed: [] };
      let done = 0;
      let next = 0;
      const worker = async () => {
        while (next < chunks.length) {
          const chunk = chunks[next++];
          await this._saveChunk(chunk, result, signal);
          done += chunk.length;
          onProgress?.({ done, total: pending.length, created: result.created.length, failed: result.failed.length });
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
      const byIndex = (a, b) => a.index - b.index;
      result.created.sort(byIndex);
      result.failed.sort(byIndex);
      return result;
    }

    /** One bulk POST; its items go to `result.created` or `result.failed`. */
    async _saveChunk(chunk, result, signal) {
      const bodies = chunk.map(({ annotation }) => annotation._body());
      let data;
      try {
        if (signal?.aborted) throw new CytomineError('bulk creation aborted before this chunk was sent', { kind: 'aborted' });
        data = await this.cytomine.request('POST', 'annotation.json', { body: bodies, signal });
      } catch (e) {
        const error = e instanceof CytomineError ? e : new CytomineError(String(e?.message ?? e), { kind: 'network', mayHaveReachedServer: true });
        for (const item of chunk) result.failed.push({ ...item, error });
        return;
      }
      const outcome = bulkOutcome(data, bodies);
      if (!outcome) {
        const error = new CytomineError('the bulk creation answer does not say which annotations were created', {
          kind: 'decode',
          method: 'POST',
          serverMessage: typeof data?.data?.message === 'string' ? data.data.message : null,
          mayHaveReachedServer: true,
        });
        for (const item of chunk) result.failed.push({ ...item, error });
        return;
      }
      chunk.forEach((item, i) => {
        const o = outcome[i];
        if (o.id !== undefined) {
          item.annotation.id = o.id;
          result.created.push({ ...item, id: o.id });
        } else {
          const error = new CytomineError(`annotation not created: ${o.message}`, { kind: 'http', status: 400, method: 'POST', serverMessage: o.message, mayHaveReachedServer: true });
          result.failed.push({ ...item, error });
        }
      });
    }

    /** The report's filters from this search; `list` renders an array filter. */
    _reportFilters(format, list) {
      const filters = { format };
      for (const key of ['reviewed', 'terms', 'users', 'reviewUsers', 'images', 'noTerm', 'multipleTerm', 'afterThan', 'beforeThan']) {
        const value = this[key];
        if (value !== null && value !== undefined) filters[key] = Array.isArray(value) ? list(value) : value;
      }
      return filters;
    }
  };

/** A JSON value with its object keys sorted (the server may echo an item with its keys reordered). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Per item of a bulk POST (`{data: {message, errors}, status}`, contract §2.4): `{id}` or
 * `{message}`, or null when the answer cannot be matched with the items sent. Core creates the
 * items in order and lists the new ids in that order ("userannotations 12,13 added", "Only part
 * of the entries (userannotations 12"); each error echoes the item it refused.
 */
function bulkOutcome(answer, bodies) {
  const message = answer?.data?.message;
  if (typeof message !== 'string') return null;
  const listed = /s ([0-9]+(?:,[0-9]+)*)(?: added)?$/.exec(message);
  const ids = listed ? listed[1].split(',').map(Number) : [];
  const errors = Array.isArray(answer.data.errors) ? answer.data.errors : [];
  if (ids.length + errors.length !== bodies.length || !ids.every(Number.isSafeInteger)) return null;
  const refused = new Map();
  for (const e of errors) {
    const key = canonical(e?.data);
    if (!refused.has(key)) refused.set(key, []);
    refused.get(key).push(typeof e?.message === 'string' ? e.message : 'refused');
  }
  let nextId = 0;
  const outcome = bodies.map((body) => {
    const messages = refused.get(canonical(body));
    if (messages?.length) return { message: messages.shift() };
    return { id: ids[nextId++] };
  });
  return nextId === ids.length ? outcome : null;
}
