import { Cytomine } from './cytomine.js';
import { invalidArgument } from './errors.js';
import { CONNECTION, hide } from './internal.js';

/**
 * Gives a base class (Model, Collection) its `cytomine` accessors: an instance uses the
 * connection set on it, else its class's (a class from `cytomine.models` is bound to one),
 * else `Cytomine.instance`.
 */
export function defineConnectionAccessors(Base) {
  Object.defineProperty(Base, 'cytomine', {
    configurable: true,
    get() {
      return Cytomine.instance;
    },
  });
  Object.defineProperty(Base.prototype, 'cytomine', {
    configurable: true,
    get() {
      return this[CONNECTION] ?? this.constructor.cytomine ?? Cytomine.instance;
    },
    set(value) {
      if (value !== null && !(value instanceof Cytomine)) throw invalidArgument('cytomine must be a Cytomine instance');
      hide(this, CONNECTION, value);
    },
  });
}
