import { Cytomine } from './cytomine.js';
import { Model, installDefaults } from './model.js';
import { Collection, collectionDefaults } from './collection.js';
import { makeMethod } from './methods.js';
import { extensions } from './extensions/index.js';

/**
 * Builds the model and collection classes from the domain declarations of the Rust crate
 * (`registry`), applies the few hand-written behaviours (`extensions/`), and returns
 * `{ models, collections, enums }` keyed by class name.
 */
export function buildClasses(registry) {
  const models = {};
  const collections = {};
  const enums = {};
  // Classes are looked up by name when a method returns a model or a collection; for a
  // connection-bound namespace the bound class is returned.
  const resolve = (name, cytomine) => {
    const bound = cytomine && cytomine !== Cytomine.instance ? cytomine.models[name] : undefined;
    // (the default connection uses the unbound classes)
    return bound ?? models[name] ?? collections[name];
  };

  for (const spec of registry.models) {
    const Base = extensions[spec.name]?.model?.(Model) ?? Model;
    const ModelClass = named(spec.name, Base);
    Object.defineProperties(ModelClass, {
      spec: { value: spec },
      _accessorFields: { value: installDefaults(ModelClass, spec) },
    });
    attachMethods(ModelClass, spec.methods, resolve, spec.repository?.removed);
    models[spec.name] = ModelClass;

    if (spec.collection) {
      const cspec = spec.collection;
      const CBase = extensions[cspec.name]?.collection?.(Collection) ?? Collection;
      const CollectionClass = named(cspec.name, CBase);
      Object.defineProperties(CollectionClass, {
        spec: { value: cspec },
        _defaults: { value: collectionDefaults(cspec) },
        _modelClass: { value: ModelClass },
        model: {
          get() {
            return this._bound ? this.cytomine.models[spec.name] : ModelClass;
          },
        },
      });
      attachMethods(CollectionClass, cspec.methods, resolve);
      collections[cspec.name] = CollectionClass;
    }
  }
  for (const e of registry.enums) enums[e.name] = Object.freeze({ ...e.members });
  return { models, collections, enums };
}

/** A subclass of `Base` whose `name` is `name` (for stack traces, `instanceof` and toString). */
function named(name, Base) {
  const Class = { [name]: class extends Base {} }[name];
  // V8 names a method's stack frame after the receiver's `Symbol.toStringTag` when the class
  // was not declared with its own name (`at async Project.fetchUsers`, not `Model.fetchUsers`).
  Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: name, configurable: true });
  return Class;
}

function attachMethods(Class, methods, resolve, removedToday = []) {
  for (const spec of methods) {
    const target = spec.static ? Class : Class.prototype;
    // An extension (the class's direct base) that defines the method wins over the declaration.
    const extension = spec.static ? Object.getPrototypeOf(Class) : Object.getPrototypeOf(Class.prototype);
    if (extension !== Model && extension !== Collection && extension !== Model.prototype && extension !== Collection.prototype) {
      if (Object.prototype.hasOwnProperty.call(extension, spec.name)) continue;
    }
    Object.defineProperty(target, spec.name, {
      value: makeMethod(spec, resolve, { className: Class.name, removedToday: removedToday.includes(spec.name) }),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/**
 * Connection-bound copies of every class: subclasses whose static `cytomine` is `cytomine`, so
 * `instanceof` the unbound class still holds.
 */
export function bindClasses(classes, cytomine) {
  const bound = {};
  for (const group of [classes.models, classes.collections]) {
    for (const [name, Class] of Object.entries(group)) {
      const Sub = named(name, Class);
      Object.defineProperties(Sub, { cytomine: { value: cytomine }, _bound: { value: true } });
      bound[name] = Sub;
    }
  }
  return Object.freeze(bound);
}
