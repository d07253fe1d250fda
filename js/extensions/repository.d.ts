// Types of js/extensions/repository.js: the members it adds to the generated classes (js/index.d.ts
// makes each `<Class>` extend `<Class>Extension`).
import type { Model } from '../types/base.js';
import type { ProjectCollection, TermCollection } from '../index.js';

/** What js/extensions/repository.js adds to `Ontology`. */
export declare class OntologyExtension extends Model {
  /** The projects using the ontology (empty when the server did not send them). */
  projects: ProjectCollection;
  /** The root terms, each with its nested `children` (empty when not sent). */
  children: TermCollection;
  /** Alias of `children`. */
  terms: TermCollection;
}
