// The runtime of the generated classes (js/generated/, rendered from src/domains by
// `UPDATE_GENERATED=1 cargo test generated`): declaring a class from its domain's declaration,
// sending a declared method's request, and the connection-bound copies of the classes.
import { Cytomine } from './cytomine.js';
import { installDefaults } from './model.js';
import { collectionDefaults } from './collection.js';
import { invalidArgument, unsupported } from './errors.js';
import { pick } from './internal.js';

/** Every class declared so far, by name (a bundle keeps only the classes an app uses). */
const declared = new Map();
/** Connection-bound subclasses, by connection then by class. */
const boundByConnection = new WeakMap();

/**
 * Completes a generated model class with its declaration `spec` (name, cb, fields, URI form,
 * refused operations...) and returns it. The name is set explicitly: minifiers rename classes.
 * `uses` (a function returning the classes its extension reads by name with `classNamed`, from
 * the extension's `@uses`) is not called: referenced there, the classes stay in a bundle that
 * keeps this one.
 */
// eslint-disable-next-line no-unused-vars
export function declareModel(Class, spec, uses = null) {
  // Members the generator leaves out when they have their usual value.
  spec = { fields: [], uri: 'standard', disabled: [], label: 'name', repository: null, ...spec };
  if (spec.repository) spec.repository = { renamed: [], removed: [], create: '', ...spec.repository };
  name(Class, spec.name);
  Object.defineProperties(Class, {
    spec: { value: spec },
    _accessorFields: { value: installDefaults(Class, spec) },
  });
  declared.set(spec.name, Class);
  return Class;
}

/** Completes a generated collection class with its declaration and its model class (`uses`: as above). */
// eslint-disable-next-line no-unused-vars
export function declareCollection(Class, spec, ModelClass, uses = null) {
  spec = { filters: [''], props: [], cb: '', uri: '', postSearch: '', defaults: {}, ...spec };
  name(Class, spec.name);
  Object.defineProperties(Class, {
    spec: { value: spec },
    _defaults: { value: collectionDefaults(spec) },
    _modelClass: { value: ModelClass },
    model: {
      get() {
        return this._bound ? boundClass(this.cytomine, ModelClass) : ModelClass;
      },
    },
  });
  declared.set(spec.name, Class);
  return Class;
}

/** Gives `Class` its name, also in `Object.prototype.toString` and V8's stack frames. */
function name(Class, value) {
  Object.defineProperty(Class, 'name', { value, configurable: true });
  // V8 names a method's frame after the receiver's `Symbol.toStringTag` when the class's own
  // name was changed (`at async Project.fetchUsers`, not the minified name).
  Object.defineProperty(Class.prototype, Symbol.toStringTag, { value, configurable: true });
}

/**
 * `Class` for objects of connection `cytomine`: the class itself for the default connection,
 * else its subclass bound to `cytomine` (so `instanceof Class` still holds).
 */
export function classFor(cytomine, Class) {
  if (!cytomine || cytomine === Cytomine.instance) return Class;
  return boundClass(cytomine, Class);
}

/**
 * The declared class `name` for connection `cytomine` (see `classFor`), for extensions that need
 * another class: they name it rather than import it, as the generated modules import them.
 */
export function classNamed(cytomine, name) {
  const Class = declared.get(name);
  if (!Class) throw invalidArgument(`${name} is not declared`);
  return classFor(cytomine, Class);
}

function boundClass(cytomine, Class) {
  let bound = boundByConnection.get(cytomine);
  if (!bound) boundByConnection.set(cytomine, (bound = new Map()));
  let Sub = bound.get(Class);
  if (!Sub) {
    Sub = class extends Class {};
    name(Sub, Class.name);
    Object.defineProperties(Sub, { cytomine: { value: cytomine }, _bound: { value: true } });
    bound.set(Class, Sub);
  }
  return Sub;
}

// `cytomine.models`: every declared class, bound to that connection.
Cytomine._setBinder((cytomine) => Object.freeze(Object.fromEntries([...declared].map(([key, Class]) => [key, boundClass(cytomine, Class)]))));

/**
 * Sends the request of declared method `name` (`route`: HTTP method and path template, from
 * src/domains) called on `self` (an instance, or the class for a static method) with `args`.
 * `spec`: `params` (name → `path`, `query` or `body`, in argument order, or the members of one
 * options object with `options`), `defaults`, `returns` (`kind [member]`), `setsLastCommand`,
 * `removed` (a route today's core removed). Resolves to the declared part of the answer: the body
 * (default), a member, a model or collection of class `Returned`, the model itself, or nothing.
 */
export async function send(self, name, route, args, spec = {}, Returned = undefined) {
  const cytomine = self.cytomine;
  const isStatic = typeof self === 'function';
  const [http, path] = route.split(' ');
  // A route today's core removed (the domain's `repository.removed`) rejects there, unsent.
  if (spec.removed && (await cytomine._ready()) === '2026') {
    const className = isStatic ? self.name : self.constructor.name;
    throw unsupported(`${className}.${name}() (${route})`, '2026');
  }
  const values = argumentValues(name, spec, args);
  const params = {};
  const query = {};
  let body;
  for (const [param, place] of Object.entries(spec.params ?? {})) {
    const value = values[param];
    if (value === undefined || value === null) continue;
    if (place === 'path') params[param] = value;
    else if (place === 'query') query[param] = value;
    else (body ??= {})[param] = value;
  }
  if (!isStatic) {
    if (self.isNew?.()) throw invalidArgument(`Cannot ${name} with no id`);
    params.id = self.id;
  }
  const data = await cytomine.request(http, path, { params, query, body });
  if (spec.setsLastCommand) cytomine._recordCommand(data);
  const [kind, member] = (spec.returns ?? 'data').split(' ');
  switch (kind) {
    case 'member':
      return pick(data, member);
    case 'model': {
      const props = pick(data, member);
      return new (classFor(cytomine, Returned))(props && typeof props === 'object' ? props : {});
    }
    case 'collection':
      return new (classFor(cytomine, Returned))()._fill(Array.isArray(data?.collection) ? data : { collection: [] }, false);
    case 'self':
      return self.populate(pick(data, member) ?? {});
    case 'nothing':
      return undefined;
    default:
      return data;
  }
}

function argumentValues(name, spec, args) {
  const values = {};
  const names = Object.keys(spec.params ?? {});
  const defaults = spec.defaults ?? {};
  if (spec.options) {
    const options = args[0] ?? {};
    if (typeof options !== 'object') throw invalidArgument(`${name} expects an options object`);
    for (const key of names) values[key] = options[key] ?? defaults[key];
  } else {
    names.forEach((key, i) => {
      values[key] = args[i] !== undefined ? args[i] : defaults[key];
    });
  }
  return values;
}
