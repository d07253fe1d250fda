/**
 * Core's response shapes: list envelopes with both paging paths, command responses and
 * the two error shapes (contract §2.3-§2.5). Handlers throw {@link ApiError}; the server
 * renders it as shape A unless the handler runs inside an add/update/delete wrapper
 * ({@link shapeB}), where core answers shape B with the exception's own status code.
 */

/** Exception kinds of core with their status in shape A and shape B. */
export const KINDS = {
  WrongArgument: { a: 400, b: 400 },
  AlreadyExist: { a: 400, b: 409 },
  Constraint: { a: 400, b: 400 },
  ObjectNotFound: { a: 404, b: 404 },
  Forbidden: { a: 403, b: 403 },
  NotImplemented: { a: 500, b: 501 },
  Middleware: { a: 500, b: 500 },
  Server: { a: 500, b: 500 },
};

/** An error that renders as one of core's error shapes. */
export class ApiError extends Error {
  /**
   * @param {keyof KINDS} kind core exception kind
   * @param {string} message the message shown to the client
   * @param {object} [opts] `{ errorValues, noErrorValues, status, shape: 'A'|'B'|"B'" }`
   */
  constructor(kind, message, opts = {}) {
    super(message);
    this.kind = kind;
    this.errorValues = opts.errorValues ?? {};
    this.noErrorValues = !!opts.noErrorValues;
    this.forcedStatus = opts.status;
    this.shape = opts.shape;
  }
}

export const wrongArgument = (m, o) => new ApiError('WrongArgument', m, o);
export const alreadyExist = (m, o) => new ApiError('AlreadyExist', m, o);
export const forbidden = (m = "You don't have the right to read or modify this resource! You must be in the project or admin.", o) =>
  new ApiError('Forbidden', m, o);
export const notImplemented = (m = 'Method is not yet implemented', o) => new ApiError('NotImplemented', m, o);
/** Shape A 404, e.g. "ImageInstance 12 not found". */
export const objectNotFound = (type, id) => new ApiError('ObjectNotFound', `${type} ${id} not found`);
/** Shape B' 404 of `responseNotFound`: `{"errors":{"message":"Project not found with filters : {id=12}"}}`. */
export const notFoundFilters = (cls, filters) =>
  new ApiError('ObjectNotFound', `${cls} not found with filters : {${Object.entries(filters).map(([k, v]) => `${k}=${v}`).join(', ')}}`,
    { shape: "B'" });

/**
 * Render an error as `{ status, body }`.
 * @param {ApiError} err
 * @param {'A'|'B'} defaultShape shape used when the error does not force one
 */
export function renderError(err, defaultShape = 'A') {
  const shape = err.shape ?? defaultShape;
  const k = KINDS[err.kind] ?? KINDS.Server;
  if (shape === "B'") return { status: err.forcedStatus ?? 404, body: { errors: { message: err.message } } };
  if (shape === 'B') {
    return { status: err.forcedStatus ?? k.b, body: { success: false, errors: err.message, errorValues: err.errorValues } };
  }
  const body = { errors: { message: err.message } };
  if (!err.noErrorValues) body.errorValues = err.errorValues;
  return { status: err.forcedStatus ?? k.a, body };
}

/**
 * Run `fn` as core's add/update/delete wrappers do: a CytomineException becomes shape B.
 * @template T
 * @param {() => T | Promise<T>} fn
 */
export async function shapeB(fn) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError && !e.shape) e.shape = 'B';
    throw e;
  }
}

const MAX_INT = 2147483647;

/** Read `offset`/`max` the way core does (defaults 0; max 0 = unlimited). */
export function pagingParams(ctx) {
  const offset = Math.max(0, toInt(ctx.q('offset'), 0));
  const max = Math.max(0, toInt(ctx.q('max'), 0));
  return { offset, max };
}

function toInt(v, d) {
  if (v === undefined || v === null || v === '') return d;
  const n = Number(v);
  if (!Number.isFinite(n)) throw wrongArgument(`Cannot parse ${v} as a number`);
  return Math.trunc(n);
}

/**
 * Path 1 (in-memory lists): slice the whole list; `perPage = min(max, size)`,
 * `totalPages = ceil(size / max)` (contract §2.3).
 * @param {Array} list the complete result
 * @param {{offset:number,max:number}} p
 * @param {(item:any)=>any} [map] applied to the page items only
 */
export function listPath1(list, paging, map) {
  return envelopeOf(list, paging, map, (m, size) => Math.min(m, size));
}

/**
 * Path 2 (SQL LIMIT/OFFSET pages): `perPage = min(max, rows in page)`,
 * `totalPages = ceil(total / max)`.
 */
export function listPath2(list, paging, map) {
  return envelopeOf(list, paging, map, (m, size, page) => Math.min(m, page.length));
}

/** The five-key envelope of both paths; only `perPage` differs between them. */
function envelopeOf(list, { offset, max }, map, perPage) {
  const size = list.length;
  const m = max > 0 ? max : MAX_INT;
  const page = offset >= size ? [] : list.slice(offset, offset + m);
  return {
    collection: map ? page.map(map) : page,
    offset,
    perPage: perPage(m, size, page),
    size,
    totalPages: Math.ceil(size / m),
  };
}

/** Format a Long like Java's MessageFormat (grouping with commas). */
export const fmtLong = (n) => Number(n).toLocaleString('en-US');

/**
 * A command response body (contract §2.4).
 * @param {object} o `{ message, method, key, callbackKey, id, object, command, extraCallback }`
 */
export function commandBody({ message, method, key, callbackKey, id, object, command, extraCallback }) {
  const body = {
    message,
    callback: { method, [`${callbackKey}ID`]: String(id), ...(extraCallback ?? {}) },
    printMessage: true,
    [key]: object,
  };
  if (command !== undefined) body.command = command;
  return body;
}

/** Reason phrases of the statuses a ProblemDetail body carries as `title`. */
const TITLES = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };

/**
 * An RFC 7807 error of today's core (delta §3.2: `ResponseStatusException` and Spring's own
 * errors rendered by `ResponseEntityExceptionHandler`), rendered as `application/problem+json`.
 */
export class Problem extends Error {
  /**
   * @param {number} status HTTP status
   * @param {string} detail the `detail` member
   * @param {object} [headers] extra response headers (e.g. `Allow` on a 405)
   */
  constructor(status, detail, headers = {}) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}

/** The ProblemDetail body `{type, title, status, detail, instance}` of a request path. */
export const problemBody = (status, detail, instance) => ({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance });

/** Content type of ProblemDetail bodies. */
export const PROBLEM_TYPE = 'application/problem+json';
