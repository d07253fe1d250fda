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
