// The three ways of calling `new Cytomine(...)`, told apart by the types of the arguments:
//   new Cytomine(host, options)                              this package
//   new Cytomine(host, basePath, iamPath, interceptor)       cytomine-client 3.1.0
//   new Cytomine(coreUrl, iamUrl, interceptor, options?)     Cytomine's web UI (web-ui/src/api, 2025-10)
// A second argument that is an absolute http(s) URL is the web UI's `iamUrl`; any other string is
// cytomine-client's base path.
import { invalidArgument } from './errors.js';

/** The default IAM path on the Cytomine origin (cytomine-client's `iamPath` default). */
const DEFAULT_IAM_PATH = '/iam/realms/cytomine/';
const ABSOLUTE = /^https?:\/\//i;
// An http(s) URL with a path and nothing else: no query, fragment or credentials.
const URL_WITH_PATH = /^(https?:\/\/[^/?#@\s\\]+)(\/[^?#@\s\\]*)$/i;

/**
 * `host` split into origin and path when it carries one (`https://x.org/api/` → `https://x.org`
 * and `/api/`); `path` is null otherwise. `http://` is added when no scheme is given, as
 * cytomine-client does. Anything else is left for the connection to refuse.
 */
export function splitCoreUrl(host) {
  const withScheme = ABSOLUTE.test(host) || host.includes('://') ? host.trim() : `http://${host.trim()}`;
  const match = URL_WITH_PATH.exec(withScheme);
  if (!match || match[2] === '/' || match[2] === '') return { origin: host, path: null };
  return { origin: match[1], path: match[2] };
}

/** `url` as an absolute IAM URL ending in `/`; an invalid-argument error otherwise. */
function iamUrlOf(url) {
  if (typeof url !== 'string' || !ABSOLUTE.test(url.trim())) {
    throw invalidArgument('iamUrl must be an absolute http(s) URL, e.g. "https://cytomine.example.org/iam/realms/cytomine/"');
  }
  let parsed;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw invalidArgument('iamUrl must be an absolute http(s) URL');
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw invalidArgument('iamUrl must not carry credentials, a query or a fragment');
  }
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

function interceptorOf(fn, position) {
  if (fn === undefined || fn === null) return undefined;
  if (typeof fn !== 'function') throw invalidArgument(`the ${position} argument (the request interceptor) must be a function`);
  return fn;
}

/**
 * Reads the constructor's arguments into `{ host, options, iam }`: `options.basePath` and
 * `options.onRequest` are filled from whichever form was used; `iam` is `{ url, path }`, the
 * absolute IAM URL (`iamUrl`: the web UI's second argument or the option) or cytomine-client's
 * IAM path, both null for the default. A host (or core URL) with a path gives the base path,
 * unless `basePath` is also given, which is an error.
 */
export function connectionArguments(host, second, third, fourth) {
  if (typeof host !== 'string') throw invalidArgument('host must be a string such as "https://cytomine.example.org"');
  let options;
  let iam = { url: null, path: null };
  if (typeof second === 'string' && ABSOLUTE.test(second.trim())) {
    // Today's web UI: (coreUrl, iamUrl, interceptor), and this package's options as a fourth.
    const extra = fourth ?? {};
    if (typeof extra !== 'object' || Array.isArray(extra)) throw invalidArgument('the fourth argument of new Cytomine(coreUrl, iamUrl, interceptor, options) must be an options object');
    for (const name of ['basePath', 'iamUrl', 'onRequest']) {
      if (extra[name] !== undefined) throw invalidArgument(`new Cytomine(coreUrl, iamUrl, interceptor, options): give ${name} once, not in the options`);
    }
    options = { ...extra, onRequest: interceptorOf(third, 'third') };
    iam.url = iamUrlOf(second);
  } else if (typeof second === 'string') {
    // cytomine-client 3.1.0: (host, basePath, iamPath, interceptor).
    if (third !== undefined && third !== null && typeof third !== 'string') {
      throw invalidArgument('the third argument of new Cytomine(host, basePath, iamPath, interceptor) must be the IAM path (a string)');
    }
    options = { basePath: second, onRequest: interceptorOf(fourth, 'fourth') };
    iam.path = third ?? null;
  } else {
    if (second !== undefined && second !== null && (typeof second !== 'object' || Array.isArray(second))) {
      throw invalidArgument('options must be an object');
    }
    if (third !== undefined) throw invalidArgument('new Cytomine(host, options) takes two arguments');
    const { iamUrl, ...rest } = second ?? {};
    options = rest;
    if (iamUrl !== undefined && iamUrl !== null) iam.url = iamUrlOf(iamUrl);
  }
  if (options.onRequest === undefined) delete options.onRequest;
  const { origin, path } = splitCoreUrl(host);
  // The web UI's core URL is the API base itself: without a path, requests go to its root.
  if (path === null && iam.url !== null && typeof second === 'string') return { host, options: { ...options, basePath: '/' }, iam };
  if (path === null) return { host, options, iam };
  if (options.basePath !== undefined && options.basePath !== null) {
    throw invalidArgument('give the base path once: in the core URL or as basePath, not both');
  }
  return { host: origin, options: { ...options, basePath: path }, iam };
}

/**
 * The IAM URL of a connection whose normalised host is `host`: `iam.url` when given, else
 * `host` + `iam.path` (default `/iam/realms/cytomine/`), ending in `/`.
 */
export function resolveIamUrl(host, iam) {
  if (iam.url) return iam.url;
  const trimmed = String(iam.path ?? DEFAULT_IAM_PATH).trim().replace(/^\/+|\/+$/g, '');
  if (/[?#@\\\s]/.test(trimmed) || trimmed.split('/').some((s) => s === '.' || s === '..')) {
    throw invalidArgument(`invalid iamPath: ${JSON.stringify(String(iam.path))}`);
  }
  return `${host}/${trimmed ? `${trimmed}/` : ''}`;
}
