// Types of js/extensions/metadata.js: the members it adds to the generated classes (js/index.d.ts
// makes each `<Class>` extend `<Class>Extension`).
import type { Model, Id, Collection } from '../types/base.js';
import type { AttachedFile, Description, Property, TagDomainAssociation } from '../index.js';

/** What js/extensions/metadata.js adds to `Description`. */
export declare class DescriptionExtension extends Model {
  constructor(props?: Record<string, unknown>, object?: Model);
  static fetch(object: Model): Promise<Description>;
  static delete(object: Model): Promise<void>;
  /** The object described. */
  object: Model | null;
}

/** What js/extensions/metadata.js adds to `Property`. */
export declare class PropertyExtension extends Model {
  constructor(props?: Record<string, unknown>, object?: Model);
  static fetch(id: Id, object?: Model): Promise<Property>;
  static delete(id: Id, object?: Model): Promise<void>;
  /** The object this is attached to (sets domainClassName and domainIdent). */
  object: Model | null;
}

/** What js/extensions/metadata.js adds to `TagDomainAssociation`. */
export declare class TagDomainAssociationExtension extends Model {
  constructor(props?: Record<string, unknown>, object?: Model);
  static fetch(id: Id, object?: Model): Promise<TagDomainAssociation>;
  static delete(id: Id, object?: Model): Promise<void>;
  /** The object this is attached to (sets domainClassName and domainIdent). */
  object: Model | null;
}

/** What js/extensions/metadata.js adds to `AttachedFile`. */
export declare class AttachedFileExtension extends Model {
  constructor(props?: Record<string, unknown>, object?: Model);
  static fetch(id: Id): Promise<AttachedFile>;
  static delete(id: Id): Promise<void>;
  /** The object the file is attached to. */
  object: Model | null;
  /** The Blob to upload. */
  file: Blob | null;
}

/** What js/extensions/metadata.js adds to `AttachedFileCollection`. */
export declare class AttachedFileCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** The object whose files are listed (all files when null). */
  object: Model | null;
  /** The class name of the object, or null. */
  readonly domainClassName: string | null;
  /** The id of the object, or null. */
  readonly domainIdent: number | null;
}

/** What js/extensions/metadata.js adds to `PropertyCollection`. */
export declare class PropertyCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** The object whose properties are listed. */
  object: Model | null;
  /** The class name of the object, or null. */
  readonly domainClassName: string | null;
  /** The id of the object, or null. */
  readonly domainIdent: number | null;
}

/** What js/extensions/metadata.js adds to `TagDomainAssociationCollection`. */
export declare class TagDomainAssociationCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** The object whose tags are listed. */
  object: Model | null;
  /** The class name of the object, or null. */
  readonly domainClassName: string | null;
  /** The id of the object, or null. */
  readonly domainIdent: number | null;
}
