// Domains today's core serves from its repository service (delta §3.2) where a route changed
// meaning or moved: one relation by id, light ontologies; and an ontology's nested term tree and
// projects, held as collections as in cytomine-client. Field renames, paging, bodies and
// removed routes are declared in src/domains (`repository`), not here.
import { invalidArgument, unsupported } from '../errors.js';
import { CONNECTION, hide } from '../internal.js';
import { classNamed } from '../declare.js';
import { UploadedFileStatus } from '../generated/enums.js';

/** The `UploadedFileStatus` name of a status value (5.2's `statusText`), or null. */
const statusName = (value) => Object.keys(UploadedFileStatus).find((key) => UploadedFileStatus[key] === value) ?? null;

/**
 * Uploaded files: today's record has no `statusText`; it is the `UploadedFileStatus` name of
 * `status`, as 5.2 sent it.
 */
export const uploadedFileStatusText = (Base) =>
  class extends Base {
    populate(props) {
      super.populate(props);
      if (props?.dataType === 'UPLOADED_FILE' && props.statusText === undefined) this.statusText = statusName(this.status);
      return this;
    }
  };

const authorities = new WeakMap();

/** Role authorities by role id of a connection (roles are few and fixed), fetched once. */
function roleAuthorities(cytomine) {
  let known = authorities.get(cytomine);
  if (!known) {
    known = classNamed(cytomine, 'RoleCollection')
      .fetchAll()
      .then((roles) => new Map(roles.array.map((r) => [r.id, r.authority])));
    known.catch(() => authorities.delete(cytomine));
    authorities.set(cytomine, known);
  }
  return known;
}

/** Sets 5.2's `authority` on today's user-role models (their records only carry `roleId`). */
async function fillAuthorities(cytomine, models) {
  const missing = models.filter((m) => m.dataType === 'USER_ROLE' && m.authority === null && m.role !== null);
  if (missing.length === 0) return;
  const byId = await roleAuthorities(cytomine);
  for (const m of missing) m.authority = byId.get(m.role) ?? null;
}

/** User roles: `authority` as 5.2 sent it, also from today's records. */
export const userRoleAuthority = (Base) =>
  class extends Base {
    async fetch() {
      await super.fetch();
      await fillAuthorities(this.cytomine, [this]);
      return this;
    }

    async save() {
      await super.save();
      await fillAuthorities(this.cytomine, [this]);
      return this;
    }
  };

const NESTED = Symbol('cytomine.ontology.nested');

/**
 * Sets `ontology[NESTED][name]` (`projects` or `children`) as cytomine-client's `_setCollection`
 * does: null or undefined gives an empty collection, a collection of the right class is kept,
 * an array becomes a collection of models (plain objects are made models); returns it.
 */
function nestedCollection(ontology, name, value) {
  const className = name === 'projects' ? 'ProjectCollection' : 'TermCollection';
  const Base = classNamed(null, className);
  // A class bound to a connection nests that connection's classes.
  const Class = ontology.constructor._bound ? classNamed(ontology.constructor.cytomine, className) : Base;
  let collection;
  if (value === null || value === undefined) {
    collection = new Class();
  } else if (value instanceof Base) {
    collection = value;
  } else if (Array.isArray(value)) {
    collection = new Class();
    for (const item of value) collection.push(item instanceof Base.model ? item : new Class.model(item));
  } else {
    throw invalidArgument(`Ontology.${name} must be null, a ${Base.name} or an array of ${Base.model.name} objects`);
  }
  if (ontology[CONNECTION]) bindNested(collection, ontology[CONNECTION]);
  if (!ontology[NESTED]) hide(ontology, NESTED, {});
  ontology[NESTED][name] = collection;
  return collection;
}

/** Binds a nested collection and its models to `connection`. */
function bindNested(collection, connection) {
  collection.cytomine = connection;
  for (const model of collection.array) model.cytomine = connection;
}

/** What `RelationTerm` adds to its declared class. */
export const RelationTermExtension = (Base) =>
  class extends Base {
    /**
     * Today's core fetches a relation by its own id (`relation/term/{id}.json`, which on 5.2
     * listed a term's relations); the 5.2 fetch by both terms is gone there.
     */
    _existingTemplate(operation, core) {
      if (core !== '2026' || operation !== 'fetch') return super._existingTemplate(operation, core);
      if (this.isNew()) throw unsupported('RelationTerm.fetch() by term1 and term2 (no relation id)', core);
      return 'relation/term/{id}.json';
    }
  };

/**
 * What `Ontology` adds to its declared class.
 * @uses ProjectCollection, TermCollection
 */
export const OntologyExtension = (Base) =>
  class extends Base {
    /** The projects using the ontology, a `ProjectCollection` (empty when not sent). */
    get projects() {
      return this[NESTED]?.projects ?? nestedCollection(this, 'projects', null);
    }

    set projects(value) {
      nestedCollection(this, 'projects', value);
    }

    /** The root terms (each with its nested `children`), a `TermCollection` (empty when not sent). */
    get children() {
      return this[NESTED]?.children ?? nestedCollection(this, 'children', null);
    }

    set children(value) {
      nestedCollection(this, 'children', value);
    }

    /** Alias of `children`, as in cytomine-client. */
    get terms() {
      return this.children;
    }

    set terms(value) {
      nestedCollection(this, 'children', value);
    }

    get cytomine() {
      return super.cytomine;
    }

    /** Also binds the nested collections and their models to `value`. */
    set cytomine(value) {
      super.cytomine = value;
      for (const collection of Object.values(this[NESTED] ?? {})) bindNested(collection, value);
    }

    /**
     * Today's record lists every term flat in `terms`, each with its nested `children`; 5.2's
     * `children` is the tree of root terms. The tree is derived from `terms`: the terms that
     * are no other term's child.
     */
    populate(props) {
      super.populate(props);
      if (Array.isArray(props?.terms) && props.children === undefined) {
        const nested = new Set();
        const visit = (nodes) => {
          for (const node of Array.isArray(nodes) ? nodes : []) {
            if (!node || typeof node !== 'object' || nested.has(node.id)) continue;
            nested.add(node.id);
            visit(node.children);
          }
        };
        for (const term of props.terms) visit(term?.children);
        this.children = props.terms.filter((term) => term && !nested.has(term.id));
      }
      return this;
    }
    /** The fields, with `projects` and `children` as arrays of their models' fields. */
    toJSON() {
      return { ...this, projects: this.projects.array, children: this.children.array };
    }
  };

/** What `TermCollection` adds to its declared class. */
export const TermCollectionExtension = (Base) =>
  class extends Base {
    /**
     * Today's term records have no `parent`, only nested `children`: within the terms held,
     * each child's `parent` is set from the term that lists it (roots keep null), as 5.2 sent.
     */
    _fill(data, append, built = false) {
      super._fill(data, append, built);
      const held = this.array;
      if (held.length === 0 || held[0].dataType !== 'TERM') return this;
      const byId = new Map(held.map((term) => [term.id, term]));
      for (const term of held) {
        for (const child of Array.isArray(term.children) ? term.children : []) {
          const model = byId.get(child?.id);
          if (model && model.parent === null) model.parent = term.id;
        }
      }
      return this;
    }
  };

/**
 * What `UserRoleCollection` adds to its declared class.
 * @uses RoleCollection
 */
export const UserRoleCollectionExtension = (Base) =>
  class extends Base {
    async _fetch(append, options) {
      await super._fetch(append, options);
      await fillAuthorities(this.cytomine, this.array);
      return this;
    }

    async fetchAll(options) {
      await super.fetchAll(options);
      await fillAuthorities(this.cytomine, this.array);
      return this;
    }
  };

/** What `OntologyCollection` adds to its declared class. */
export const OntologyCollectionExtension = (Base) =>
  class extends Base {
    /** Today's core ignores `light`; its light list is `ontology_light.json` (`{id, name}` items). */
    _requestArgs() {
      const args = super._requestArgs();
      if (this.light && this.cytomine.core === '2026') {
        args.path = 'ontology_light.json';
        delete args.options.query.light;
      }
      return args;
    }
  };
