// Metadata attached to objects: properties, tags, descriptions, attached files.
import { invalidArgument } from '../errors.js';
import { hide, isBlob } from '../internal.js';
import { domainModel, domainCollection, FILE } from './shared.js';

/** What `Description` adds to its declared class. */
export const DescriptionExtension = (Base) =>
  class extends domainModel(Base) {
    static async fetch(object) {
      return await new this({ id: 0 }, object).fetch();
    }

    static async delete(object) {
      return await new this({ id: 0 }, object).delete();
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
  };

/** What `Property` adds to its declared class. */
export const PropertyExtension = domainModel;

/** What `PropertyCollection` adds to its declared class. */
export const PropertyCollectionExtension = domainCollection;

/** What `TagDomainAssociation` adds to its declared class. */
export const TagDomainAssociationExtension = domainModel;

/** What `TagDomainAssociationCollection` adds to its declared class. */
export const TagDomainAssociationCollectionExtension = domainCollection;

/** What `AttachedFile` adds to its declared class. */
export const AttachedFileExtension = (Base) =>
  class extends domainModel(Base) {
    /** The Blob (or File) to upload, of any realm. */
    get file() {
      return this[FILE] ?? null;
    }

    set file(blob) {
      if (!isBlob(blob)) throw invalidArgument('file must be a Blob');
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
  };

/** What `AttachedFileCollection` adds to its declared class. */
export const AttachedFileCollectionExtension = domainCollection;
