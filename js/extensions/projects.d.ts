// Types of js/extensions/projects.js: the members it adds to the generated classes (js/index.d.ts
// makes each `<Class>` extend `<Class>Extension`).
import type { Model, Id, Collection } from '../types/base.js';
import type { AnnotationType, Configuration, ProjectDefaultLayer, ProjectRepresentative } from '../index.js';

/** What js/extensions/projects.js adds to `Term`. */
export declare class TermExtension extends Model {
  /** Moves the term under another parent (null: to the root). */
  changeParent(idNewParent: Id | null): Promise<void>;
}

/** What js/extensions/projects.js adds to `ProjectConnectionCollection`. */
export declare class ProjectConnectionCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** URL of this list as CSV, or null. */
  readonly downloadURL: string | null;
  /** Connections per period, of a project and user, or everywhere. */
  static fetchConnectionsFrequency(options?: { project?: Id; user?: Id; afterThan?: number | string; beforeThan?: number | string; period?: 'hour' | 'day' | 'week' }): Promise<Array<Record<string, any>>>;
}

/** What js/extensions/projects.js adds to `ImageConsultationCollection`. */
export declare class ImageConsultationCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** URL of this list as CSV, or null. */
  readonly downloadURL: string | null;
}

/** What js/extensions/projects.js adds to `Configuration`. */
export declare class ConfigurationExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(key: string): Promise<Configuration>;
  static delete(key: string): Promise<void>;
}

/** What js/extensions/projects.js adds to `ProjectDefaultLayer`. */
export declare class ProjectDefaultLayerExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id, project: Id): Promise<ProjectDefaultLayer>;
  static delete(id: Id, project: Id): Promise<void>;
}

/** What js/extensions/projects.js adds to `ProjectRepresentative`. */
export declare class ProjectRepresentativeExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(id: Id, project: Id): Promise<ProjectRepresentative>;
  /** Deletes by id, or with id 0 by `user`. */
  static delete(id: Id, project: Id, user?: Id): Promise<void>;
}

/** What js/extensions/projects.js adds to `Project`. */
export declare class ProjectExtension extends Model {
  /** Command history of `project` (or of every project): a bare array. */
  static fetchCommandHistory(options?: { project?: Id; max?: number; offset?: number; user?: Id; fullData?: boolean; startDate?: number; endDate?: number }): Promise<any[]>;
  /** Number of annotations of a type (default USER), optionally between two dates. */
  fetchNbAnnotations(options?: { startDate?: number; endDate?: number; annotationType?: AnnotationType }): Promise<number>;
  /** Annotations of a type created per period. */
  fetchAnnotationsEvolution(options?: { startDate?: number; endDate?: number; annotationType?: AnnotationType; daysRange?: number; accumulate?: boolean; reverseOrder?: boolean; term?: Id }): Promise<Array<Record<string, any>>>;
  /** Saves the project's UI configuration. */
  saveUIConfig(config: Record<string, unknown>): Promise<any>;
}
