// Symbols for state kept off the public, enumerable surface of models and collections, so that
// `Object.keys`, spread and `JSON.stringify` show exactly the Cytomine fields.
export const CONNECTION = Symbol('cytomine.connection');
export const STATE = Symbol('cytomine.collection.state');

/** Defines a non-enumerable, writable own property. */
export function hide(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/** `a.b.0.c` lookup that never throws. */
export function pick(data, path) {
  if (!path) return data;
  let value = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[part];
  }
  return value;
}

/** Fills `{name}` / `{name:str}` placeholders for display only (requests are built in Rust). */
export function fillForDisplay(template, params) {
  return template.replace(/\{(\w+)(?::str)?\}/g, (_, name) => encodeURIComponent(String(params?.[name] ?? '')));
}

/**
 * True for a `Blob` or `File` of any realm (an iframe's, a worker's, a test framework's `vm`
 * context), where `instanceof Blob` only knows this realm's.
 */
export function isBlob(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    const tag = Object.prototype.toString.call(value);
    return tag === '[object Blob]' || tag === '[object File]';
  } catch {
    return false; // a revoked proxy
  }
}
