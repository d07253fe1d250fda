import { invalidArgument, unsupported } from './errors.js';
import { pick } from './internal.js';

/**
 * Turns a method declaration (src/domains/spec.rs `Method`) into a JS function: arguments are
 * mapped to path placeholders, query parameters or body members, the request is sent through
 * the model's or collection's connection, and the declared part of the answer is returned.
 * `removedToday`: today's core has no such route (the call rejects there with `unsupported`).
 */
export function makeMethod(spec, resolveClass, { className = '', removedToday = false } = {}) {
  const fn = async function (...args) {
    // A route today's core removed (the domain's `repository.removed`) rejects there, unsent.
    if (removedToday && (await this.cytomine._ready()) === '2026') {
      throw unsupported(`${className}.${spec.name}() (${spec.http} ${spec.path})`, '2026');
    }
    const values = argumentValues(spec, args);
    const params = {};
    const query = {};
    let body;
    for (const param of spec.params) {
      const value = values[param.name];
      if (value === undefined || value === null) continue;
      if (param.place === 'path') params[param.name] = value;
      else if (param.place === 'query') query[param.name] = value;
      else (body ??= {})[param.name] = value;
    }
    const isInstance = !spec.static;
    if (isInstance) {
      if (this.isNew?.()) throw invalidArgument(`Cannot ${spec.name} with no id`);
      params.id = this.id;
    }
    const cytomine = this.cytomine;
    const data = await cytomine.request(spec.http, spec.path, { params, query, body });
    if (spec.setsLastCommand) cytomine._recordCommand(data);
    return result(spec.returns, data, this, cytomine, resolveClass);
  };
  Object.defineProperty(fn, 'name', { value: spec.name });
  return fn;
}

function argumentValues(spec, args) {
  const values = {};
  if (spec.options) {
    const options = args[0] ?? {};
    if (typeof options !== 'object') throw invalidArgument(`${spec.name} expects an options object`);
    for (const param of spec.params) values[param.name] = options[param.name] ?? param.default;
  } else {
    spec.params.forEach((param, i) => {
      values[param.name] = args[i] !== undefined ? args[i] : param.default;
    });
  }
  return values;
}

function result([kind, a, b], data, self, cytomine, resolveClass) {
  switch (kind) {
    case 'member':
      return pick(data, a);
    case 'model': {
      const Class = resolveClass(a, cytomine);
      const props = pick(data, b);
      return new Class(props && typeof props === 'object' ? props : {});
    }
    case 'collection': {
      const Class = resolveClass(a, cytomine);
      const collection = new Class();
      return collection._fill(Array.isArray(data?.collection) ? data : { collection: [] }, false);
    }
    case 'self':
      return self.populate(pick(data, a) ?? {});
    case 'nothing':
      return undefined;
    default:
      return data;
  }
}
