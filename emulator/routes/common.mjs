/** Helpers shared by the route modules: input parsing, transactions, command responses. */
import { ApiError, commandBody, shapeB, wrongArgument } from '../envelope.mjs';
import { DOMAINS, commandClass } from '../domains.mjs';
import { toJson } from '../serialize.mjs';

/** Lenient long parsing of a JSON value (number or numeric string); null when absent. */
export function toLong(v) {
  if (v === null || v === undefined || v === '' || v === 'null') return null;
  if (typeof v === 'object') return NaN;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : NaN;
}

/** Long attribute that must parse (400 otherwise). */
export function longAttr(body, name) {
  const n = toLong(body[name]);
  if (Number.isNaN(n)) throw wrongArgument(`${name} was not found with id: ${body[name]}`);
  return n;
}

/** Double attribute or null. */
export function doubleAttr(body, name) {
  const v = body[name];
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Boolean.parseBoolean(String(v)). */
export const boolAttr = (body, name) => String(body[name]).toLowerCase() === 'true';

/** Id list from a JSON array, a single number or a comma-separated string (getJSONAttrListLong). */
export function longList(v) {
  if (v === null || v === undefined || v === '') return [];
  const arr = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v];
  return arr.map((x) => toLong(typeof x === 'string' ? x.trim() : x)).filter((x) => x !== null && !Number.isNaN(x));
}

/** Date attribute: epoch ms (number/string) or yyyy-MM-dd'T'HH:mm:ss.SSS'Z'. */
export function dateAttr(v) {
  if (v === null || v === undefined || v === '') return null;
  if (/^\d+(\.\d+)?$/.test(String(v))) return Math.trunc(Number(v));
  const t = Date.parse(String(v));
  return Number.isNaN(t) ? null : t;
}

/**
 * Run `fn(tx)` in a transaction of the current user, with shape-B errors (core's
 * add/update/delete wrappers) unless `wrapped` is false (a controller method of its own: shape A).
 * The transaction is pushed on the undo stack on success.
 */
export async function inTx(ctx, fn, { wrapped = true } = {}) {
  const run = async () => {
    const tx = ctx.cmds.begin(ctx.user);
    const out = await fn(tx);
    ctx.cmds.commit(tx);
    return out;
  };
  return wrapped ? shapeB(run) : run();
}

/**
 * Command response for one command.
 * @param {object} ctx request context
 * @param {'Add'|'Edit'|'Delete'} action
 * @param {string} table
 * @param {object} obj the record (after the change; before removal for delete)
 * @param {object} [cmd] the Command (its id goes in `command`)
 * @param {object} [objectJson] pre-built object JSON
 */
export function commandReply(ctx, action, table, obj, cmd, objectJson) {
  const d = DOMAINS[table];
  const verb = action === 'Add' ? 'added' : action === 'Edit' ? 'edited' : 'deleted';
  const extra = table === 'term' ? { ontologyID: obj.ontology } : undefined;
  return commandBody({
    message: d.msg(verb, obj, ctx.store, ctx.user),
    method: commandClass(action, table),
    key: d.key,
    callbackKey: d.callbackKey,
    id: obj.id,
    object: objectJson ?? d.commandJson?.(ctx.view, obj) ?? toJson(ctx.view, table, obj),
    command: cmd?.id,
    extraCallback: extra,
  });
}

/** Response maps of undo/redo results (no `command` key). */
export function undoRedoMaps(ctx, results) {
  return results.map((r) => {
    const b = commandReply(ctx, r.action, r.table, r.obj);
    return b;
  });
}

/** Require an object body; arrays are refused unless the handler supports bulk. */
export function bodyObject(ctx) {
  return ctx.jsonObject();
}

/** The 404 of a missing PUT/DELETE target: "class <cls> <id> not found" (shape B in wrappers). */
export const classNotFound = (table, id) =>
  new ApiError('ObjectNotFound', `class ${DOMAINS[table].cls} ${id ?? 'null'} not found`);

/**
 * Bulk creation (contract §2.4): run `addOne(item)` for each array element, each in its own
 * transaction, and answer `{data:{...}, status}` with HTTP 200.
 */
export async function bulkAdd(ctx, items, addOne, name) {
  const ok = [];
  const errors = [];
  for (const it of items) {
    try {
      const tx = ctx.cmds.begin(ctx.user);
      const obj = await addOne(it, tx);
      ctx.cmds.commit(tx);
      ok.push(obj.id);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push({ data: it, message: e.message });
    }
  }
  if (!errors.length) return { data: { message: `${name}s ${ok.join(',')} added` }, status: 200 };
  if (!ok.length) return { data: { success: false, message: 'No entry saved', errors }, status: 400 };
  return { data: { success: false, message: `Only part of the entries (${name}s ${ok.join(',')}`, errors }, status: 206 };
}

const META_TABLES = ['property', 'tagdomainassociation', 'description'];

/** Records of `table` grouped by `key(record)`, built once per cascade (these tables are small). */
function groupedBy(memo, store, table, key, name = table) {
  if (!memo[name]) {
    const groups = new Map();
    for (const o of store.t[table].values()) {
      const k = key(o);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(o);
    }
    memo[name] = groups;
  }
  return memo[name];
}

/** Metadata records attached to a domain object (ModelService.deleteDependentMetadata). */
function metaOf(store, cls, id, memo) {
  const out = [];
  for (const t of META_TABLES) for (const mid of store.byDomain(t, cls, id)) out.push([t, store.get(t, mid)]);
  const files = groupedBy(memo, store, 'attachedfile', (f) => `${f.domainClassName}:${f.domainIdent}`).get(`${cls}:${id}`) ?? [];
  for (const f of files) out.push(['attachedfile', f]);
  return out;
}

/**
 * Dependent records removed with a record (and restored by undo), dependents first, as core's
 * deleteDependencies: an annotation's terms, comments, track memberships and metadata; an
 * image's annotations, tracks, slices and metadata; a project's images and metadata.
 * @returns {Array<[string, object]>}
 */
export function cascadeOf(store, table, obj, memo = {}) {
  const out = [];
  const byAnnotation = (t) => groupedBy(memo, store, t, (x) => x.annotationIdent).get(obj.id) ?? [];
  switch (table) {
    case 'annotation':
      for (const at of store.termsOfAnnotation(obj.id)) out.push(['annotationterm', at]);
      for (const c of byAnnotation('sharedannotation')) out.push(['sharedannotation', c]);
      for (const x of byAnnotation('annotationtrack')) out.push(['annotationtrack', x]);
      out.push(...metaOf(store, DOMAINS.annotation.cls, obj.id, memo));
      break;
    case 'imageinstance':
      for (const aid of [...store.annotationIdsOfImage(obj.id)]) {
        const a = store.get('annotation', aid);
        out.push(...cascadeOf(store, 'annotation', a, memo), ['annotation', a]);
      }
      for (const tr of groupedBy(memo, store, 'track', (x) => x.image).get(obj.id) ?? []) {
        for (const x of groupedBy(memo, store, 'annotationtrack', (y) => y.track, 'annotationtrack by track').get(tr.id) ?? []) out.push(['annotationtrack', x]);
        out.push(['track', tr]);
      }
      for (const sl of store.slicesOfImage(obj.id)) out.push(['sliceinstance', sl]);
      out.push(...metaOf(store, DOMAINS.imageinstance.cls, obj.id, memo));
      break;
    case 'project':
      for (const ii of store.imagesOfProject(obj.id)) out.push(...cascadeOf(store, 'imageinstance', ii, memo), ['imageinstance', ii]);
      out.push(...metaOf(store, DOMAINS.project.cls, obj.id, memo));
      break;
    case 'term':
      for (const r of store.t.relationterm.values()) if (r.term1 === obj.id || r.term2 === obj.id) out.push(['relationterm', r]);
      for (const at of store.t.annotationterm.values()) if (at.term === obj.id) out.push(['annotationterm', at]);
      break;
    case 'ontology':
      for (const t of store.termsOfOntology(obj.id)) out.push(...cascadeOf(store, 'term', t), ['term', t]);
      break;
    case 'tag':
      for (const x of store.t.tagdomainassociation.values()) if (x.tag === obj.id) out.push(['tagdomainassociation', x]);
      break;
    default:
  }
  // de-duplicate (a relation term may be reached from two terms)
  const seen = new Set();
  return out.filter(([t, o]) => {
    const k = `${t}:${o.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
