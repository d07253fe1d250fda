/**
 * One generic CRUD route factory for the simple domains (issue 7): list/get/create/update/delete
 * with core's envelopes, command responses, shape-A/B/B' errors, body parsing with the usual
 * "x must be set" / "x was not found with id" messages, and project-membership checks.
 * A domain is a short declaration (see storage.mjs, groups.mjs, settings.mjs).
 */
import { alreadyExist, forbidden, listPath1, listPath2, notFoundFilters, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { DOMAINS } from '../domains.mjs';
import { JSON_OF, ms } from '../serialize.mjs';
import { bulkAdd, classNotFound, commandReply, doubleAttr, inTx, longList, toLong } from './common.mjs';

const P = 'be.cytomine.domain.';

/**
 * Parses one body attribute. `type`: str, int, long, double, bool, json, longs, or a store table
 * (a long that must name an existing record). A trailing `!` makes it mandatory.
 */
function attr(ctx, body, name, spec) {
  const required = spec.endsWith('!');
  const type = required ? spec.slice(0, -1) : spec;
  const raw = body[name];
  const absent = raw === undefined || raw === null || raw === '';
  if (absent) {
    if (required) throw wrongArgument(`${name} must be set! value=null`);
    return type === 'bool' ? false : type === 'longs' ? [] : null;
  }
  switch (type) {
    case 'str': return String(raw);
    case 'json': return raw;
    case 'bool': return String(raw).toLowerCase() === 'true';
    case 'double': return doubleAttr(body, name);
    case 'longs': return longList(raw);
    case 'int':
    case 'long': {
      const n = toLong(raw);
      if (Number.isNaN(n)) throw wrongArgument(`${name} must be a number: ${raw}`);
      return n;
    }
    default: {
      const n = toLong(raw);
      if (n === null || Number.isNaN(n) || !ctx.store.get(type, n)) throw wrongArgument(`${name} was not found with id: ${raw}`);
      return n;
    }
  }
}

/**
 * Registers a domain.
 * @param {import('../router.mjs').Router} r
 * @param {object} d declaration:
 *  - `table` (store table), `cls` (Java class after `be.cytomine.domain.`), `msg(verb, o, store)`;
 *    `key` (response key, default table);
 *  - `fields`: `{name: type}` parsed from bodies (see {@link attr}) and rendered as is; type `=`
 *    marks a field the server sets (kept on update, completed by `build`);
 *  - `build(ctx, rec, body, old)`: completes or checks a parsed record (may throw);
 *  - `extra(view, o)`: JSON members added to the fields;
 *  - `commandExtra(view, o)`: members that differ in command responses;
 *  - `project(store, o)`: the project of a record (membership checks), or null; `read(ctx, o)`:
 *    whether a non-admin may read a record (replaces the project check);
 *  - `write`: `'admin'` (admins only), `'user'` (any non-guest; default) or `(ctx, o) => void`;
 *  - `rights(ctx, o, action)`: the service's own checks for `'add'|'edit'|'delete'` (core's),
 *    replacing `write` and the project's writer check;
 *  - `afterAdd(ctx, rec)`, `afterDelete(ctx, rec)`: side effects (outside undo/redo);
 *  - `unique(store, rec)`: a duplicate's message (409 in shape B), or null;
 *  - `stem`: `/api/{stem}.json` and `/api/{stem}/:id.json` (default table); `get`, `add`, `edit`,
 *    `del`: other patterns (`get` and `del` may list several) or `false`; `locate(ctx)`: the record of a get/delete path;
 *  - `notFound`: "B'" (core's responseNotFound) or 'A' (default);
 *  - `lists`: `{pattern: (ctx) => rows}` answered with path-1 envelopes (`[rows, 'path2']` for
 *    core's SQL-paged lists);
 *  - `bulk`: POST of an array creates each item;
 *  - `removedToday`: JSON members today's core no longer sends (delta §3.3).
 * @returns the declaration, with `json(view, o)` and `readable(ctx, o)`.
 */
export function crud(r, d) {
  const key = d.key ?? d.table;
  const simple = d.cls.split('.').pop();
  DOMAINS[d.table] = { cls: `${P}${d.cls}`, simple, key, callbackKey: key, msg: (a, o, s) => d.msg(a, o, s) };
  const json = (v, o) => {
    const out = { class: `${P}${d.cls}`, id: o.id, created: ms(o.created), updated: ms(o.updated) };
    for (const f of Object.keys(d.fields)) out[f] = o[f] ?? (d.fields[f].startsWith('bool') ? false : null);
    if (d.extra) Object.assign(out, d.extra(v, o));
    if (v.core === '2026') for (const f of d.removedToday ?? []) delete out[f];
    return out;
  };
  JSON_OF[d.table] = json;
  // Command responses are built from the domain object before its relations are loaded.
  if (d.commandExtra) DOMAINS[d.table].commandJson = (v, o) => Object.assign(json(v, o), d.commandExtra(v, o));
  const projectOf = (s, o) => (d.project ? d.project(s, o) : null);
  const readable = (ctx, o) => {
    if (d.read) return ctx.perms.isAdmin || d.read(ctx, o);
    const pid = projectOf(ctx.store, o);
    return pid === null || pid === undefined || ctx.perms.canRead(pid);
  };
  const checkRead = (ctx, o) => {
    if (!readable(ctx, o)) throw forbidden();
  };
  const checkWrite = (ctx, o, action = 'edit') => {
    if (d.rights) return d.rights(ctx, o, action);
    const pid = projectOf(ctx.store, o);
    if (typeof d.write === 'function') d.write(ctx, o);
    else if (d.write === 'admin') {
      if (!ctx.perms.isAdmin) throw forbidden('You must be an administrator');
    } else ctx.perms.checkNotGuest();
    if (pid !== null && pid !== undefined) ctx.perms.checkWrite(pid);
  };
  const missing = (id) => (d.notFound === "B'" ? notFoundFilters(simple, { id }) : objectNotFound(simple, id));
  const locate = d.locate ?? ((ctx) => ctx.store.get(d.table, ctx.pid()));
  const parse = (ctx, body, old) => {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw wrongArgument('The body cannot be parsed, is the body content in the good format?');
    const rec = { id: old?.id ?? null, created: old?.created ?? Date.now(), updated: old?.updated ?? null };
    for (const [f, type] of Object.entries(d.fields)) rec[f] = type === '=' ? old?.[f] ?? null : attr(ctx, body, f, type);
    d.build?.(ctx, rec, body, old);
    checkWrite(ctx, rec, old ? 'edit' : 'add');
    const dup = d.unique?.(ctx.store, rec);
    if (dup) throw alreadyExist(dup);
    return rec;
  };
  const add = (ctx, body, tx) => {
    const rec = parse(ctx, body, null);
    const cmd = ctx.cmds.add(tx, d.table, rec);
    d.afterAdd?.(ctx, rec);
    return { rec, cmd };
  };
  const stem = d.stem ?? d.table;

  for (const pattern of d.get === false ? [] : [].concat(d.get ?? `/api/${stem}/:id.json`)) {
    r.add('GET', pattern, (ctx) => {
      const o = locate(ctx);
      if (!o) throw missing(ctx.params.id ?? Object.values(ctx.params).join(' '));
      checkRead(ctx, o);
      return json(ctx.view, o);
    });
  }
  for (const [pattern, list] of Object.entries(d.lists ?? {})) {
    const [rows, mode] = [].concat(list);
    const envelope = mode === 'path2' ? listPath2 : listPath1;
    r.add('GET', pattern, (ctx) => {
      const all = rows(ctx).filter((o) => readable(ctx, o)).sort((a, b) => a.id - b.id);
      return envelope(all, pagingParams(ctx), (o) => json(ctx.view, o));
    });
  }
  if (d.add !== false) {
    r.add('POST', d.add ?? `/api/${stem}.json`, async (ctx) => {
      const body = ctx.json();
      if (d.bulk && Array.isArray(body)) return bulkAdd(ctx, body, (it, tx) => add(ctx, it, tx).rec, d.table);
      return inTx(ctx, (tx) => {
        const { rec, cmd } = add(ctx, body, tx);
        return commandReply(ctx, 'Add', d.table, rec, cmd);
      });
    });
  }
  if (d.edit !== false) {
    r.add('PUT', d.edit ?? `/api/${stem}/:id.json`, (ctx) => inTx(ctx, (tx) => {
      const body = ctx.jsonObject();
      const old = ctx.store.get(d.table, toLong(body.id));
      if (!old) throw classNotFound(d.table, body.id);
      checkWrite(ctx, old);
      const rec = parse(ctx, body, old);
      const cmd = ctx.cmds.edit(tx, d.table, rec);
      return commandReply(ctx, 'Edit', d.table, rec, cmd);
    }));
  }
  for (const pattern of d.del === false ? [] : [].concat(d.del ?? `/api/${stem}/:id.json`)) {
    r.add('DELETE', pattern, (ctx) => inTx(ctx, (tx) => {
      const o = locate(ctx);
      if (!o) throw classNotFound(d.table, ctx.params.id ?? Object.values(ctx.params).join(' '));
      checkWrite(ctx, o, 'delete');
      const cmd = ctx.cmds.delete(tx, d.table, o, d.cascade?.(ctx.store, o) ?? []);
      d.afterDelete?.(ctx, o);
      return commandReply(ctx, 'Delete', d.table, o, cmd);
    }));
  }
  return { ...d, json, readable, checkRead, checkWrite };
}

/** Rows of `table` whose `field` equals the path id (after `check(ctx, id)`). */
export const rowsBy = (table, field, check) => (ctx) => {
  const id = ctx.pid();
  check?.(ctx, id);
  return ctx.store.all(table).filter((o) => o[field] === id);
};
