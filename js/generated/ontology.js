// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/ontology.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { TermExtension } from '../extensions/projects.js';
import { OntologyCollectionExtension, OntologyExtension, RelationTermExtension, TermCollectionExtension } from '../extensions/repository.js';
import { ProjectCollection } from './project.js';

/** A vocabulary of terms used to label annotations. */
export const Ontology = /*#__PURE__*/ declareModel(
  class Ontology extends /*#__PURE__*/ OntologyExtension(Model) {},
  { name: 'Ontology', cb: 'ontology', fields: ['name', 'user', 'dataType'], repository: {} },
  () => [ProjectCollection, TermCollection],
);

/** A list of Ontologys. */
export const OntologyCollection = /*#__PURE__*/ declareCollection(
  class OntologyCollection extends /*#__PURE__*/ OntologyCollectionExtension(Collection) {},
  { name: 'OntologyCollection', props: ['light'] },
  Ontology,
);

/** A label of an ontology, with a colour. */
export const Term = /*#__PURE__*/ declareModel(
  class Term extends /*#__PURE__*/ TermExtension(Model) {},
  { name: 'Term', cb: 'term', fields: ['name', 'comment', 'ontology', 'parent', 'color', 'ontologyId', 'children', 'dataType'], repository: { renamed: [['ontology', 'ontologyId']], removed: ['list'] } },
);

/** A list of Terms. */
export const TermCollection = /*#__PURE__*/ declareCollection(
  class TermCollection extends /*#__PURE__*/ TermCollectionExtension(Collection) {},
  { name: 'TermCollection', filters: ['', 'project', 'ontology'] },
  Term,
);

/** A relation between two terms (term1 is the parent of term2). */
export const RelationTerm = /*#__PURE__*/ declareModel(
  class RelationTerm extends /*#__PURE__*/ RelationTermExtension(Model) {
    /** All relations a term takes part in (core 5.2; today the path means one relation by id). */
    static async fetchAllOfTerm(...args) {
      return await send(this, 'fetchAllOfTerm', 'GET relation/term/{term}.json', args, { params: { term: 'path' }, returns: 'member collection', removed: true });
    }
  },
  { name: 'RelationTerm', cb: 'relationterm', label: 'term2', fields: ['relation', 'term1', 'term2', 'relationId', 'term1Id', 'term2Id', 'name', 'dataType'], uri: { new: 'relation/parent/term.json', existing: 'relation/parent/term1/{term1}/term2/{term2}.json' }, disabled: ['update'], repository: { renamed: [['relation', 'relationId'], ['term1', 'term1Id'], ['term2', 'term2Id']], removed: ['fetchAllOfTerm'] } },
);
