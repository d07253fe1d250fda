// Domains today's core serves from its repository service (delta §3.2) where a route changed
// meaning or moved: one relation by id, light ontologies. Field renames, paging, bodies and
// removed routes are declared in src/domains (`repository`), not here.
import { unsupported } from '../errors.js';

/** Extensions of this area, by class name (see ./index.js). */
export const repository = {
  RelationTerm: {
    model: (Base) =>
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
      },
  },
  Ontology: {
    model: (Base) =>
      class extends Base {
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
      },
  },
  TermCollection: {
    collection: (Base) =>
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
      },
  },
  OntologyCollection: {
    collection: (Base) =>
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
      },
  },
};
