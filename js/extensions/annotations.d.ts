// Types of js/extensions/annotations.js: the members it adds to the generated classes (js/index.d.ts
// makes each `<Class>` extend `<Class>Extension`).
import type { Model, Id, Collection, CytomineError } from '../types/base.js';
import type { Annotation, AnnotationComment, AnnotationLink, AnnotationTerm, AnnotationTrack, AnnotationType } from '../index.js';

/** Options of `Annotation.fetchCrop`. */
export interface CropOptions {
  maxSize?: number;
  format?: 'png' | 'jpg' | 'webp';
  draw?: boolean;
  color?: string;
  thickness?: number;
  increaseArea?: number;
  square?: boolean;
  alphaMask?: boolean;
  signal?: AbortSignal;
}

/** What js/extensions/annotations.js adds to `Annotation`. */
export declare class AnnotationExtension extends Model {
  /** Fetches an annotation; `type` selects the specific endpoint. */
  static fetch(id: Id, type?: AnnotationType | null): Promise<Annotation>;
  static delete(id: Id): Promise<void>;
  /** The annotation type, derived from `class`. */
  type: AnnotationType | null;
  /** The crop URL at another size or format, or null. */
  annotationCropURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;
  /** The crop as a Blob, fetched with this connection's credentials. */
  fetchCrop(options?: CropOptions): Promise<Blob>;
  /** Intensity profile along the annotation; kept on the model with `cache`. */
  fetchProfileProjections(axis?: string | null, cache?: boolean): Promise<any>;
  /** Records a user action on the annotation (`select`...). */
  recordAction(action?: string): Promise<any>;
  /** Adds (or removes) `location` to the annotations it touches; resolves to the corrected annotation. */
  static correctAnnotations(options?: { image?: Id; location?: string; review?: boolean; remove?: boolean; layers?: Id[]; annotation?: Id }): Promise<Annotation>;
}

/** What js/extensions/annotations.js adds to `AnnotationTerm`. */
export declare class AnnotationTermExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(annotation: Id, term?: Id): Promise<AnnotationTerm>;
  static delete(annotation: Id, term?: Id, user?: Id | null): Promise<void>;
  /** Replaces the caller's terms on the annotation (all users' with `clearForAllUsers`). */
  saveAndClearPrevious(clearForAllUsers?: boolean): Promise<this>;
}

/** What js/extensions/annotations.js adds to `AnnotationComment`. */
export declare class AnnotationCommentExtension extends Model {
  constructor(props?: Record<string, unknown>, annotation?: Model);
  static fetch(id: Id, annotation: Model): Promise<AnnotationComment>;
  /** The annotation commented (alias of `object`). */
  annotation: Model | null;
  object: Model | null;
  /** Alias of `domainIdent`. */
  annotationIdent: number | null;
  /** Alias of `domainClassName`. */
  annotationClassName: string | null;
}

/** What js/extensions/annotations.js adds to `AnnotationCommentCollection`. */
export declare class AnnotationCommentCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** The annotation whose comments are listed (alias of `object`). */
  annotation: Model | null;
  object: Model | null;
  /** The annotation's id, or null. */
  readonly annotationIdent: number | null;
  /** The annotation's class name, or null. */
  readonly annotationClassName: string | null;
  /** The class name of the object, or null. */
  readonly domainClassName: string | null;
  /** The id of the object, or null. */
  readonly domainIdent: number | null;
}

/** What js/extensions/annotations.js adds to `AnnotationTrack`. */
export declare class AnnotationTrackExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(annotation: Id, track: Id): Promise<AnnotationTrack>;
  static delete(annotation: Id, track: Id): Promise<void>;
}

/** What js/extensions/annotations.js adds to `AnnotationLink`. */
export declare class AnnotationLinkExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(annotation: Id, group: Id): Promise<AnnotationLink>;
  static delete(annotation: Id, group: Id): Promise<void>;
}

/** What js/extensions/annotations.js adds to `AnnotationCollection`. */
export declare class AnnotationCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** Accepts or rejects in review every annotation of `image` by `users`. */
  static reviewAll(options?: { accept?: boolean; image?: Id; users?: Id[]; task?: Id | null }): Promise<void>;
  /** URL of the project's annotation report with this search's filters (core 5.2 only: today's core has only the POST, use `download`). */
  getDownloadURL(format?: 'pdf' | 'csv' | 'xls'): string;
  /** The project's annotation report with this search's filters (GET on core 5.2, POST with a JSON body on today's core). */
  download(format?: 'pdf' | 'csv' | 'xls', options?: { signal?: AbortSignal }): Promise<Blob>;
  /** Creates every new annotation held with bulk POSTs of `chunkSize` items (default 100), `concurrency` chunks in flight (default 1): which items were created with which ids, which failed and why. */
  save(options?: { chunkSize?: number; concurrency?: number; onProgress?: (progress: { done: number; total: number; created: number; failed: number }) => void; signal?: AbortSignal }): Promise<{ created: { index: number; annotation: Annotation; id: number }[]; failed: { index: number; annotation: Annotation; error: CytomineError }[] }>;
}
