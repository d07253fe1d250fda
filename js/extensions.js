import { invalidArgument } from './errors.js';
import { CONNECTION, STATE, hide } from './internal.js';

// The few behaviours that are not plain declarations: composite keys, objects that metadata is
// attached to, annotation types, image URL helpers. Each entry returns a subclass of the
// generic base; `accessors: true` marks classes with setters that populate must go through.

const OBJECT = Symbol('cytomine.domain.object');

/** Metadata attached to another model (`new Property({key, value}, annotation)`). */
const domainModel = (Base) =>
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

    static fetch(id, object) {
      return new this({ id }, object).fetch();
    }

    static delete(id, object) {
      return new this({ id }, object).delete();
    }

    fetch() {
      if (this.isNew()) return Promise.reject(invalidArgument(`Cannot fetch a ${this.constructor.name} with no id`));
      return super.fetch();
    }
  };

/** Metadata collections (`new PropertyCollection({object: annotation})`). */
const domainCollection = (Base) =>
  class extends Base {
    constructor({ object, ...options } = {}) {
      super(options);
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

    get uri() {
      const o = this.object;
      return o ? `domain/${encodeURIComponent(o.class)}/${o.id}/${this.callbackIdentifier}.json` : super.uri;
    }

    /** A copy with the same object (`for await` pages through a clone). */
    clone() {
      const copy = super.clone();
      if (this.object) copy.object = this.object;
      return copy;
    }
  };

/** URL helpers of images (same rules as cytomine-client: reuse the server's URL, new size/format). */
const imageUrls = (Base) =>
  class extends Base {
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

    /** URL of the original file. */
    get downloadURL() {
      return this.cytomine.url(`${this.callbackIdentifier}/{id}/download`, { id: this.id });
    }

    /** The thumbnail as a `Blob`, fetched with this connection's credentials (for `<img>` via object URLs). */
    fetchThumb({ maxSize = 256, format = 'png', signal } = {}) {
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot fetch the thumbnail of an image with no id'));
      return this.cytomine.request('GET', `${this.callbackIdentifier}/{id}/thumb.${imageFormat(format)}`, {
        params: { id: this.id },
        query: { maxSize },
        responseType: 'blob',
        signal,
      });
    }
  };

function resized(url, maxSize, format, otherParameters) {
  if (!url) return null;
  const base = String(url).split('?')[0].replace(/\.[^./]*$/, '');
  return `${base}.${format}?${new URLSearchParams({ maxSize, ...otherParameters })}`;
}

function imageFormat(format) {
  if (!['png', 'jpg', 'jpeg', 'webp'].includes(format)) throw invalidArgument('format must be png, jpg or webp');
  return format;
}

/** Projects of a user as `{id, name}` items: `user/{id}/project/light.json`, as in cytomine-client. */
const projectCollectionUris = (Base) =>
  class extends Base {
    _template() {
      return this._lightOfUser() ? 'user/{filterValue}/project/light.json' : super._template();
    }

    get uri() {
      return this._lightOfUser() ? `user/${encodeURIComponent(this[STATE].filter.value)}/project/light.json` : super.uri;
    }

    _lightOfUser() {
      return this[STATE].filter.key === 'user' && Boolean(this.light);
    }
  };

export const extensions = {
  ProjectCollection: { collection: projectCollectionUris },
  Annotation: {
    accessors: true,
    model: (Base) =>
      class extends Base {
        /** Fetches an annotation; `type` (an `AnnotationType`) selects the specific endpoint. */
        static fetch(id, type = null) {
          const annotation = new this({ id });
          if (type) annotation.type = type;
          return annotation.fetch();
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

        /** The crop URL at another size or format, or null. */
        annotationCropURL(maxSize = 256, format = 'jpg', otherParameters = {}) {
          return resized(this.cropURL, maxSize, format, otherParameters);
        }

        /**
         * The crop as a `Blob`, fetched with this connection's credentials. Options: `maxSize`,
         * `format` (png, jpg, webp), `draw` (outline), `color`, `thickness`, `increaseArea`,
         * `square`, `alphaMask`, `signal`.
         */
        fetchCrop({ format = 'png', signal, ...parameters } = {}) {
          if (this.isNew()) return Promise.reject(invalidArgument('Cannot fetch the crop of an annotation with no id'));
          return this.cytomine.request('GET', `annotation/{id}/crop.${imageFormat(format)}`, {
            params: { id: this.id },
            query: parameters,
            responseType: 'blob',
            signal,
          });
        }
      },
  },
  AnnotationTerm: {
    model: (Base) =>
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

        static fetch(annotation, term) {
          return new this({ annotation, term, id: 0 }).fetch();
        }

        static delete(annotation, term, user = null) {
          return new this({ annotation, term, user, id: 0 }).delete();
        }

        fetch() {
          return this._request('GET', this._template(), { expect: 'object' }).then((d) => this.populate(d));
        }

        delete() {
          const template = this.user ? 'annotation/{annotation}/term/{term}/user/{user}.json' : this._template();
          return this._request('DELETE', template).then((data) => this.cytomine._recordCommand(data));
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
      },
  },
  Term: {
    model: (Base) =>
      class extends Base {
        /** Moves the term under `idNewParent` (or to the root with null). */
        async changeParent(idNewParent) {
          if (this.isNew()) throw invalidArgument('Cannot change the parent of a term with no id');
          if (this.parent) {
            await this.cytomine.request('DELETE', 'relation/parent/term1/{parent}/term2/{id}.json', { params: this });
            this.parent = null;
          }
          if (idNewParent) {
            await this.cytomine.request('POST', 'relation/parent/term.json', {
              body: { term1: idNewParent, term2: this.id },
              expect: 'command:relationterm',
            });
            this.parent = idNewParent;
          }
        }
      },
  },
  Description: {
    model: (Base) =>
      class extends domainModel(Base) {
        static fetch(object) {
          return new this({ id: 0 }, object).fetch();
        }

        static delete(object) {
          return new this({ id: 0 }, object).delete();
        }

        isNew() {
          return this.id === null || this.id === 0;
        }

        fetch() {
          return this._request('GET', this._template(), { expect: 'object' }).then((d) => this.populate(d));
        }

        _body() {
          const body = this.getPublicProperties();
          if (body.id === 0) delete body.id;
          return body;
        }
      },
  },
  Property: { model: domainModel },
  PropertyCollection: { collection: domainCollection },
  TagDomainAssociation: { model: domainModel },
  TagDomainAssociationCollection: { collection: domainCollection },
  ImageInstance: { model: imageUrls },
  AbstractImage: { model: imageUrls },
};

const ANNOTATION_TYPES = ['AlgoAnnotation', 'UserAnnotation', 'ReviewedAnnotation', 'RoiAnnotation'];
