// Building blocks of the extensions: metadata attached to objects, composite keys, download and
// image URLs, and the small helpers the per-domain extension files share.
import { invalidArgument } from '../errors.js';
import { CONNECTION, STATE, hide } from '../internal.js';

// The few behaviours that are not plain declarations: composite keys, objects that metadata is
// attached to, annotation types, image URL helpers. Each entry returns a subclass of the
// generic base.

export const OBJECT = Symbol('cytomine.domain.object');

/** Metadata attached to another model (`new Property({key, value}, annotation)`). */
export const domainModel = (Base) =>
  class extends Base {
    constructor(props = {}, object = undefined) {
      super(props);
      if (object !== undefined && object !== null) this.object = object;
    }

    /** The object the metadata is attached to (sets `domainClassName` and `domainIdent`). */
    get object() {
      return this[OBJECT] ?? null;
    }

    set object(object) {
      if (!object || typeof object !== 'object' || typeof object.isNew !== 'function' || object.isNew() || !object.class) {
        throw invalidArgument('object must be a saved Cytomine model (with id and class)');
      }
      hide(this, OBJECT, object);
      this.domainIdent = object.id;
      this.domainClassName = object.class;
      if (object[CONNECTION] && !this[CONNECTION]) this.cytomine = object[CONNECTION];
    }

    static async fetch(id, object) {
      return await new this({ id }, object).fetch();
    }

    static async delete(id, object) {
      return await new this({ id }, object).delete();
    }

    fetch() {
      if (this.isNew()) return Promise.reject(invalidArgument(`Cannot fetch a ${this.constructor.name} with no id`));
      return super.fetch();
    }
  };

/** Metadata collections (`new PropertyCollection({object: annotation})`). */
export const domainCollection = (Base) =>
  class extends Base {
    constructor(options = {}) {
      const { object, ...collectionOptions } = options ?? {};
      super(collectionOptions);
      if (object !== undefined && object !== null) this.object = object;
    }

    get object() {
      return this[OBJECT] ?? null;
    }

    set object(object) {
      if (!object || typeof object.isNew !== 'function' || object.isNew() || !object.class) {
        throw invalidArgument('object must be a saved Cytomine model (with id and class)');
      }
      hide(this, OBJECT, object);
    }

    /** The class name of the object (`be.cytomine.domain.project.Project`...), or null. */
    get domainClassName() {
      return this.object?.class ?? null;
    }

    /** The id of the object, or null. */
    get domainIdent() {
      return this.object?.id ?? null;
    }

    getParameters() {
      const out = super.getParameters();
      delete out.object;
      return out;
    }

    _template() {
      if (!this.object) {
        if (this.constructor.spec.filters.includes('')) return super._template();
        throw invalidArgument(`${this.constructor.name} needs an object`);
      }
      return `domain/{domainClassName:str}/{domainIdent}/${this.callbackIdentifier}.json`;
    }

    _templateParams() {
      const o = this.object;
      return o ? { domainClassName: o.class, domainIdent: o.id } : {};
    }

    /** A copy with the same object (`for await` pages through a clone). */
    clone() {
      const copy = super.clone();
      if (this.object) copy.object = this.object;
      return copy;
    }
  };

/**
 * Models known by a composite key (`UserRole.fetch(user, role)`): the static `fetch` and `delete`
 * take the key fields in order; the URI template of existing objects needs no id.
 */
export const keyed = (...keys) => (Base) =>
  class extends Base {
    static async fetch(...values) {
      return await new this(keyProps(keys, values)).fetch();
    }

    static async delete(...values) {
      return await new this(keyProps(keys, values)).delete();
    }
  };

export const keyProps = (keys, values) => Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null]));

/** Keyed by `annotation` and `other`; `annotation` (cytomine-client's name) is `annotationIdent` on the server. */
export const annotationIdent = (other) => (Base) =>
  class extends keyed('annotation', other)(Base) {
    populate(props) {
      super.populate(props);
      if (props?.annotationIdent !== undefined && props.annotationIdent !== null) this.annotation = props.annotationIdent;
      return this;
    }

    _body() {
      const body = super._body();
      if (body.annotation !== undefined) body.annotationIdent = body.annotation;
      delete body.annotation;
      return body;
    }
  };

/** `userannotation` for a UserAnnotation class name (comment URIs). */
export const commentStem = (cls) => (cls ? String(cls).split('.').pop().toLowerCase() : null);
export const FILE = Symbol('cytomine.attachedfile.file');
export const one = (v) => (Array.isArray(v) && v.length === 1 ? v[0] : null);

/** Saves answered with the object itself rather than a command response (social domains). */
export const plainSave = (Base) =>
  class extends Base {
    async save() {
      if (!this.isNew()) return this.update();
      const data = await this._request('POST', this._template(true), { body: this._body(), expect: 'object' });
      return this.populate(data);
    }
  };

/** Collections whose URI is built from their props (`_path()`), with a CSV `downloadURL`. */
export const propsUri = (path, params) => (Base) =>
  class extends Base {
    _template() {
      return path(this);
    }

    _templateParams() {
      return params(this);
    }

    /** URL of this list as CSV, or null when its URI cannot be built. */
    get downloadURL() {
      try {
        return this.cytomine.url(this._template(), this._templateParams(), { export: 'csv', user: this.user, project: this.project });
      } catch {
        return null;
      }
    }
  };

/** Browser, version and OS from the user agent, for project connections (cytomine-client uses detect-browser). */
export function clientInfo({ os, browser, browserVersion }) {
  const ua = globalThis.navigator?.userAgent ?? '';
  const b = /(Edg|OPR|Firefox|Chrome|Safari|Node\.js)\/([\d.]+)/.exec(ua);
  const o = /Windows|Android|iPhone|iPad|Mac OS X|Linux/.exec(ua);
  return { os: os ?? o?.[0] ?? null, browser: browser ?? b?.[1] ?? null, browserVersion: browserVersion ?? b?.[2] ?? null };
}

/** `downloadURL`: `{host}{basePath}{cb}/{id}/download` (images, uploaded and companion files). */
export const downloadable = (Base) =>
  class extends Base {
    /** URL of the file. */
    get downloadURL() {
      return this.cytomine.url(`${this.callbackIdentifier}/{id}/download`, { id: this.id });
    }
  };

/** URL helpers of images (same rules as cytomine-client: reuse the server's URL, new size/format). */
export const imageUrls = (Base) =>
  class extends downloadable(Base) {
    /** The thumbnail URL at another size or format, or null. */
    thumbURL(maxSize = 256, format = 'jpg', otherParameters = {}) {
      return resized(this.thumb, maxSize, format, otherParameters);
    }

    /** The preview URL at another size or format, or null. */
    previewURL(maxSize = 256, format = 'jpg', otherParameters = {}) {
      return resized(this.preview, maxSize, format, otherParameters);
    }

    /** The URL of an associated image (`macro`, `label`...), or null. */
    associatedImageURL(kind = 'macro', maxSize = 256, format = 'jpg', otherParameters = {}) {
      if (!this.macroURL) return null;
      const dir = String(this.macroURL).split('?')[0].replace(/\/[^/]*$/, '');
      return `${dir}/${kind}.${format}?${new URLSearchParams({ maxSize, ...otherParameters })}`;
    }

    /** The thumbnail as a `Blob`, fetched with this connection's credentials (for `<img>` via object URLs). */
    async fetchThumb(options = {}) {
      const { maxSize = 256, format = 'png', signal } = options ?? {};
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot fetch the thumbnail of an image with no id'));
      return this.cytomine.request('GET', `${this.callbackIdentifier}/{id}/thumb.${imageFormat(format)}`, {
        params: { id: this.id },
        query: { maxSize },
        responseType: 'blob',
        signal,
      });
    }
  };

export function resized(url, maxSize, format, otherParameters) {
  if (!url) return null;
  const base = String(url).split('?')[0].replace(/\.[^./]*$/, '');
  return `${base}.${format}?${new URLSearchParams({ maxSize, ...otherParameters })}`;
}

export function imageFormat(format) {
  if (!['png', 'jpg', 'jpeg', 'webp'].includes(format)) throw invalidArgument('format must be png, jpg or webp');
  return format;
}

/** Projects of a user as `{id, name}` items: `user/{id}/project/light.json`, as in cytomine-client. */
export const projectCollectionUris = (Base) =>
  class extends Base {
    _template() {
      return this._lightOfUser() ? 'user/{filterValue}/project/light.json' : super._template();
    }

    _lightOfUser() {
      return this[STATE].filter.key === 'user' && Boolean(this.light);
    }
  };


export const PROFILE = Symbol('cytomine.annotation.profile');

/** `userannotation/count`... for an `AnnotationType`. */
export function annotationStem(model, type, suffix) {
  if (model.isNew()) throw invalidArgument(`Cannot fetch the ${suffix} of a ${model.constructor.name} with no id`);
  const stem = { UserAnnotation: 'userannotation', AlgoAnnotation: 'algoannotation', ReviewedAnnotation: 'reviewedannotation' }[type];
  if (!stem) throw invalidArgument('This annotation type is not handled.');
  return `${stem}/${suffix}`;
}

/** `imageInstance.copyData(layers, giveMe)`: copies annotation layers `[{image, user}]` from other images. */
export const imageCopy = (Base) =>
  class extends Base {
    copyData(layers, giveMe = false) {
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot copy data to an image with no id'));
      if (!Array.isArray(layers) || layers.length === 0) return Promise.reject(invalidArgument('layers must be a non-empty array of {image, user}'));
      const value = layers.map((l) => `${l.image}_${l.user}`).join(',');
      return this._request('POST', 'imageinstance/{id}/copyimagedata.json', { query: { layers: value, giveMe } });
    }
  };

export const ANNOTATION_TYPES = ['AlgoAnnotation', 'UserAnnotation', 'ReviewedAnnotation', 'RoiAnnotation'];
