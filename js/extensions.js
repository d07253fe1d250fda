import { invalidArgument } from './errors.js';
import { CONNECTION, STATE, fillForDisplay, hide } from './internal.js';

// The few behaviours that are not plain declarations: composite keys, objects that metadata is
// attached to, annotation types, image URL helpers. Each entry returns a subclass of the
// generic base.

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

/**
 * Models known by a composite key (`UserRole.fetch(user, role)`): the static `fetch` and `delete`
 * take the key fields in order; the URI template of existing objects needs no id.
 */
const keyed = (...keys) => (Base) =>
  class extends Base {
    static fetch(...values) {
      return new this(keyProps(keys, values)).fetch();
    }

    static delete(...values) {
      return new this(keyProps(keys, values)).delete();
    }
  };

const keyProps = (keys, values) => Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null]));

/** Keyed by `annotation` and `other`; `annotation` (cytomine-client's name) is `annotationIdent` on the server. */
const annotationIdent = (other) => (Base) =>
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
const commentStem = (cls) => (cls ? String(cls).split('.').pop().toLowerCase() : null);
const FILE = Symbol('cytomine.attachedfile.file');
const one = (v) => (Array.isArray(v) && v.length === 1 ? v[0] : null);

/** Saves answered with the object itself rather than a command response (social domains). */
const plainSave = (Base) =>
  class extends Base {
    async save() {
      if (!this.isNew()) return this.update();
      const data = await this._request('POST', this._template(true), { body: this._body(), expect: 'object' });
      return this.populate(data);
    }
  };

/** Collections whose URI is built from their props (`_path()`), with a CSV `downloadURL`. */
const propsUri = (path, params) => (Base) =>
  class extends Base {
    _template() {
      return path(this);
    }

    _templateParams() {
      return params(this);
    }

    get uri() {
      return fillForDisplay(this._template(), this._templateParams());
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
function clientInfo({ os, browser, browserVersion }) {
  const ua = globalThis.navigator?.userAgent ?? '';
  const b = /(Edg|OPR|Firefox|Chrome|Safari|Node\.js)\/([\d.]+)/.exec(ua);
  const o = /Windows|Android|iPhone|iPad|Mac OS X|Linux/.exec(ua);
  return { os: os ?? o?.[0] ?? null, browser: browser ?? b?.[1] ?? null, browserVersion: browserVersion ?? b?.[2] ?? null };
}

/** `downloadURL`: `{host}{basePath}{cb}/{id}/download` (images, uploaded and companion files). */
const downloadable = (Base) =>
  class extends Base {
    /** URL of the file. */
    get downloadURL() {
      return this.cytomine.url(`${this.callbackIdentifier}/{id}/download`, { id: this.id });
    }
  };

/** URL helpers of images (same rules as cytomine-client: reuse the server's URL, new size/format). */
const imageUrls = (Base) =>
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
        static async correctAnnotations({ image, location, review, remove, layers, annotation } = {}) {
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
  ImageInstance: { model: (Base) => imageCopy(imageUrls(Base)) },
  AbstractImage: { model: imageUrls },
  UploadedFile: { model: downloadable },
  UserRole: { model: keyed('user', 'role') },
  AttachedFile: {
    model: (Base) =>
      class extends domainModel(Base) {
        /** The Blob to upload. */
        get file() {
          return this[FILE] ?? null;
        }

        set file(blob) {
          if (!(blob instanceof Blob)) throw invalidArgument('file must be a Blob');
          hide(this, FILE, blob);
        }

        /** Uploads the file (multipart, with the object and `filename`); resolves to `this`. */
        async save() {
          if (!this.isNew()) return this.update();
          if (!this.file) throw invalidArgument('Cannot save an AttachedFile without a file');
          const form = new FormData();
          for (const [key, value] of Object.entries(this.getPublicProperties())) form.append(key, value);
          form.append('files[]', this.file, this.filename ?? this.file.name ?? 'file');
          return this.populate(await this._request('POST', 'attachedfile.json', { body: form, expect: 'object' }));
        }
      },
  },
  AttachedFileCollection: { collection: domainCollection },
  AnnotationComment: {
    model: (Base) =>
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

        /** `userannotation` or `algoannotation`, the first part of the URI. */
        get commentStem() {
          return commentStem(this.domainClassName);
        }

        populate(props) {
          super.populate(props);
          if (props?.annotationIdent !== undefined) this.domainIdent = props.annotationIdent;
          if (props?.annotationClassName !== undefined) this.domainClassName = props.annotationClassName;
          return this;
        }
      },
  },
  AnnotationCommentCollection: {
    collection: (Base) =>
      class extends domainCollection(Base) {
        /** The annotation whose comments are listed; alias of `object`. */
        get annotation() {
          return this.object;
        }

        set annotation(annotation) {
          this.object = annotation;
        }

        _template() {
          if (!this.object) throw invalidArgument('AnnotationCommentCollection needs an annotation');
          return '{commentStem:str}/{domainIdent}/comment.json';
        }

        _templateParams() {
          return this.object ? { commentStem: commentStem(this.object.class), domainIdent: this.object.id } : {};
        }

        get uri() {
          return fillForDisplay(this._template(), this._templateParams());
        }
      },
  },
  MyAccount: {
    model: (Base) =>
      class extends Base {
        /** The current user's account. */
        static fetch() {
          return new this().fetch();
        }

        /** Also derives `locale` and `isDeveloper` from `attributes`. */
        populate(props) {
          super.populate(props);
          if (props?.attributes) {
            this.locale = one(props.attributes.locale);
            const developer = one(props.attributes.isDeveloper);
            this.isDeveloper = developer === null ? null : Boolean(Number(developer));
          }
          return this;
        }

        /** The account as the IAM takes it: `locale` and `isDeveloper` go into `attributes`. */
        getPublicProperties() {
          const { locale, isDeveloper, ...out } = super.getPublicProperties();
          out.attributes = { ...(out.attributes ?? {}) };
          if (locale !== undefined) out.attributes.locale = [locale];
          if (isDeveloper !== undefined) out.attributes.isDeveloper = [String(Number(isDeveloper))];
          return out;
        }

        /** Saves the account (POST, as the IAM's account API expects); resolves to `this`. */
        async update() {
          await this._request('POST', this._template(false), { body: this.getPublicProperties() });
          return this;
        }

        save() {
          return this.update();
        }
      },
  },
  ProjectConnection: {
    model: (Base) =>
      class extends plainSave(Base) {
        /** Records the connection, with the browser and OS when not given. */
        save() {
          if (this.isNew()) Object.assign(this, clientInfo(this));
          return super.save();
        }
      },
  },
  ProjectConnectionCollection: {
    collection: (Base) =>
      class extends propsUri(
        () => 'project/{project}/connectionHistory/{user}.json',
        (c) => ({ project: c.project ?? c[STATE].filter.value, user: c.user }),
      )(Base) {
        /** Connections per period (`hour`, `day`, `week`), of a project and user, or everywhere. */
        static async fetchConnectionsFrequency({ project, user, afterThan, beforeThan, period = 'hour' } = {}) {
          const path = project ? (user ? 'project/{project}/connectionFrequency/{user}.json' : 'project/{project}/connectionFrequency.json') : 'connectionFrequency.json';
          const data = await this.cytomine.request('GET', path, { params: { project, user }, query: { project, user, afterThan, beforeThan, period } });
          return data?.collection;
        }
      },
  },
  ImageConsultation: {
    model: (Base) =>
      class extends plainSave(Base) {
        constructor(props = {}) {
          super(props);
          this.mode ??= 'view';
        }
      },
  },
  ImageConsultationCollection: {
    collection: propsUri(
      (c) => {
        if (c.resume) return 'imageconsultation/resume.json';
        if (c.projectConnection !== null && c.projectConnection !== undefined) return 'projectConnection/{projectConnection}.json';
        if (c.user || c.project) return 'project/{project}/user/{user}/imageconsultation.json';
        throw invalidArgument('ImageConsultationCollection needs resume, projectConnection, or user and project');
      },
      (c) => ({ project: c.project, user: c.user, projectConnection: c.projectConnection }),
    ),
  },
  UserPosition: {
    model: (Base) =>
      class extends Base {
        /** Records the viewport `{image or slice, topLeftX, topLeftY, ..., bottomLeftY, zoom, rotation, broadcast}`. */
        static async create(position = {}) {
          if (!position?.image && !position?.slice) throw invalidArgument('A position needs an image or a slice');
          const path = position.slice ? 'sliceinstance/{slice}/position.json' : 'imageinstance/{image}/position.json';
          const data = await this.cytomine.request('POST', path, { params: position, body: position, expect: 'object' });
          return new this(data);
        }

        save() {
          return Promise.reject(invalidArgument('Use UserPosition.create() to record a position'));
        }
      },
  },
  ProjectDefaultLayer: { model: keyed('id', 'project') },
  Configuration: {
    model: (Base) =>
      class extends keyed('key')(Base) {
        /** Without a key; `save()` with a key always PUTs (creates or updates), as in cytomine-client. */
        isNew() {
          return !this.key;
        }
      },
  },
  ProjectRepresentative: {
    model: (Base) =>
      class extends keyed('id', 'project', 'user')(Base) {
        /** Deletes by id, or with id 0 by `user` (`ProjectRepresentative.delete(0, project, user)`). */
        delete() {
          if (this.id || !this.user) return super.delete();
          return this._request('DELETE', 'project/{project}/representative.json', { query: { user: this.user } }).then((data) => this.cytomine._recordCommand(data));
        }
      },
  },
  AnnotationTrack: { model: annotationIdent('track') },
  AnnotationLink: { model: annotationIdent('group') },
  ImageGroupImageInstance: {
    model: (Base) =>
      class extends keyed('group', 'image')(Base) {
        /** The next image of the group (the first after the last with `circular`). */
        fetchNext(circular = true) {
          return this._neighbour('next', circular);
        }

        /** The previous image of the group (the last before the first with `circular`). */
        fetchPrevious(circular = true) {
          return this._neighbour('previous', circular);
        }

        async _neighbour(which, circular) {
          const data = await this._request('GET', `imagegroup/{group}/imageinstance/{image}/${which}.json`, { query: { circular }, expect: 'object' });
          return new this.cytomine.models.ImageInstance(data);
        }
      },
  },
  CompanionFile: { model: downloadable },
  AbstractImageCollection: {
    collection: (Base) =>
      class extends Base {
        /** Replaces the items by the abstract images used in no project; resolves to `this`. */
        async fetchUnused() {
          const data = await this.cytomine.request('GET', 'abstractimage/unused.json', { expect: 'list' });
          return this._fill({ ...data, size: this.totalNbItems ?? data.size, totalPages: this.nbPages }, false);
        }
      },
  },
  AnnotationCollection: {
    collection: (Base) =>
      class extends Base {
        /** Accepts (`accept: true`) or rejects every annotation of `image` by `users` in review. */
        static async reviewAll({ accept = false, image, users = [], task = null } = {}) {
          await this.cytomine.request(accept ? 'POST' : 'DELETE', 'imageinstance/{image}/annotation/review.json', {
            params: { image },
            query: { users: [].concat(users ?? []).join(','), task },
          });
        }

        /** URL of the project's annotation report (`pdf`, `csv`, `xls`) with this search's filters. */
        getDownloadURL(format = 'pdf') {
          if (!this.project) throw invalidArgument('Cannot construct download URL if no project ID is provided.');
          const query = { format };
          for (const key of ['reviewed', 'terms', 'users', 'reviewUsers', 'images', 'noTerm', 'multipleTerm', 'afterThan', 'beforeThan']) {
            const value = this[key];
            if (value !== null && value !== undefined) query[key] = Array.isArray(value) ? value.join(',') : value;
          }
          return this.cytomine.url('project/{project}/annotation/download', { project: this.project }, query);
        }
      },
  },
  ImageInstanceCollection: {
    collection: (Base) =>
      class extends Base {
        /** Core swaps offset and max on `user/{id}/imageinstance.json` (contract §3.6). */
        _pagingSwapped() {
          return this[STATE].filter.key === 'user';
        }

        /** Images the current user (or `user` in `project`) opened last, as `{id, ...}` items. */
        static async fetchLastOpened({ project, user, distinctImages = true, max = 0, offset = 0 } = {}) {
          const path = project && user ? 'project/{project}/user/{user}/imageconsultation.json' : 'imageinstance/method/lastopened.json';
          const data = await this.cytomine.request('GET', path, { params: { project, user }, query: { max, offset, distinctImages } });
          return data?.collection ?? [];
        }
      },
  },
  User: {
    model: (Base) =>
      class extends Base {
        /**
         * Number of annotations of the user (reviewed ones with `reviewed`), optionally in a
         * project. A number as first argument is read as the project (earlier form).
         */
        async fetchNbAnnotations(reviewed = false, idProject = null) {
          if (this.isNew()) throw invalidArgument('Cannot fetch the number of annotations of a user with no id');
          if (typeof reviewed === 'number') [reviewed, idProject] = [false, reviewed];
          const stem = reviewed ? 'reviewedannotation' : 'userannotation';
          const data = await this._request('GET', `user/{id}/${stem}/count.json`, { query: { project: idProject || null } });
          return data?.total;
        }
      },
  },
  Project: {
    model: (Base) =>
      class extends Base {
        /** Command history of `project` (or of every project): a bare array. */
        static fetchCommandHistory({ project, max, offset, user, fullData, startDate, endDate } = {}) {
          const path = project ? 'project/{project}/commandhistory.json' : 'commandhistory.json';
          return this.cytomine.request('GET', path, { params: { project }, query: { max, offset, user, fullData, startDate, endDate } });
        }

        /** Number of annotations of a type (`AnnotationType`, default USER), optionally between two dates. */
        async fetchNbAnnotations({ startDate, endDate, annotationType = 'UserAnnotation' } = {}) {
          const data = await this._request('GET', `project/{id}/${annotationStem(this, annotationType, 'count')}.json`, {
            query: { startDate, endDate },
          });
          return data?.total;
        }

        /** Annotations of a type created per period. */
        async fetchAnnotationsEvolution({ startDate, endDate, annotationType = 'UserAnnotation', daysRange, accumulate, reverseOrder, term } = {}) {
          const stem = { UserAnnotation: 'annotationevolution', AlgoAnnotation: 'algoannotationevolution', ReviewedAnnotation: 'reviewedannotationevolution' }[annotationType];
          if (this.isNew()) throw invalidArgument('Cannot fetch the evolution of a project with no id');
          if (!stem) throw invalidArgument('This annotation type is not handled.');
          const data = await this._request('GET', `project/{id}/stats/${stem}.json`, {
            query: { startDate, endDate, daysRange, accumulate, reverseOrder, term },
          });
          return data?.collection;
        }

        /** Saves the project's UI configuration; resolves to the saved configuration. */
        saveUIConfig(config) {
          if (this.isNew()) return Promise.reject(invalidArgument('Cannot save the UI config of a project with no id'));
          return this._request('POST', '/custom-ui/project/{id}.json', { body: config });
        }
      },
  },
};

const PROFILE = Symbol('cytomine.annotation.profile');

/** `userannotation/count`... for an `AnnotationType`. */
function annotationStem(model, type, suffix) {
  if (model.isNew()) throw invalidArgument(`Cannot fetch the ${suffix} of a ${model.constructor.name} with no id`);
  const stem = { UserAnnotation: 'userannotation', AlgoAnnotation: 'algoannotation', ReviewedAnnotation: 'reviewedannotation' }[type];
  if (!stem) throw invalidArgument('This annotation type is not handled.');
  return `${stem}/${suffix}`;
}

/** `imageInstance.copyData(layers, giveMe)`: copies annotation layers `[{image, user}]` from other images. */
const imageCopy = (Base) =>
  class extends Base {
    copyData(layers, giveMe = false) {
      if (this.isNew()) return Promise.reject(invalidArgument('Cannot copy data to an image with no id'));
      if (!Array.isArray(layers) || layers.length === 0) return Promise.reject(invalidArgument('layers must be a non-empty array of {image, user}'));
      const value = layers.map((l) => `${l.image}_${l.user}`).join(',');
      return this._request('POST', 'imageinstance/{id}/copyimagedata.json', { query: { layers: value, giveMe } });
    }
  };

const ANNOTATION_TYPES = ['AlgoAnnotation', 'UserAnnotation', 'ReviewedAnnotation', 'RoiAnnotation'];
