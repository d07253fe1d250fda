/**
 * Today's repository-backed JSON (delta §3.2): the records of ontologies, terms, term relations,
 * storages, tags, tag associations, uploaded files, roles, user roles and users (each with its
 * `dataType`, no `class`, dates as `yyyy-MM-ddTHH:mm:ss` in the server's zone), Spring paging
 * (`page`/`size`/`sort`, default 20, max 2000) and its list envelope, and the command responses
 * `{printMessage, data, commandId, command, subCommands}`. Records are built from the same store
 * records the 5.2 serializers read, so both generations show one set of data.
 */
import { Problem } from './envelope.mjs';
import { commandName } from './commands-v2.mjs';
import { roles } from './routes/activity.mjs';

const pad = (n) => String(n).padStart(2, '0');

/** A Java `LocalDateTime` as core's Jackson writes it (`yyyy-MM-dd'T'HH:mm:ss`, local zone), or null. */
export function localDateTime(ms) {
  if (ms === null || ms === undefined) return null;
  const d = new Date(Number(ms));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const dates = (o) => ({ created: localDateTime(o.created), updated: localDateTime(o.updated), deleted: localDateTime(o.deletedAt) });

/** Kinds of records: store table and data type. */
export const KIND = {
  ontology: { table: 'ontology', dataType: 'ONTOLOGY' },
  term: { table: 'term', dataType: 'TERM' },
  relation: { table: 'relationterm', dataType: 'TERM_RELATION' },
  storage: { table: 'storage', dataType: 'STORAGE' },
  tag: { table: 'tag', dataType: 'TAG' },
  tda: { table: 'tagdomainassociation', dataType: 'TAG_DOMAIN_ASSOCIATION' },
  uploadedFile: { table: 'uploadedfile', dataType: 'UPLOADED_FILE' },
  role: { table: 'role', dataType: 'ROLE' },
  userRole: { table: 'secusersecrole', dataType: 'USER_ROLE' },
  user: { table: 'user', dataType: 'USER' },
};

/** Term record with its nested `children` (terms whose parent relation points to it). */
export function termRecord(store, t, seen = new Set()) {
  seen.add(t.id);
  const children = [];
  for (const r of store.t.relationterm.values()) {
    if (r.term1 !== t.id || r.relation !== store.parentRelationId || seen.has(r.term2)) continue;
    const c = store.get('term', r.term2);
    if (c) children.push(termRecord(store, c, seen));
  }
  return {
    id: t.id, name: t.name, color: t.color, ontologyId: t.ontology, ...dates(t), comment: t.comment ?? null, children, dataType: 'TERM',
  };
}

/** Ontology record: all its terms, flat, each with nested children. */
export function ontologyRecord(store, o) {
  return {
    name: o.name, id: o.id, terms: store.termsOfOntology(o.id).sort((a, b) => a.id - b.id).map((t) => termRecord(store, t)),
    ...dates(o), user: o.user ?? 0, dataType: 'ONTOLOGY',
  };
}

export const relationRecord = (store, r) => ({
  id: r.id, term1Id: r.term1, term2Id: r.term2, relationId: r.relation, ...dates(r), name: store.get('relation', r.relation)?.name ?? 'parent',
  dataType: 'TERM_RELATION',
});

export const storageRecord = (store, s) => ({ id: s.id, userId: s.user, name: s.name, ...dates(s), dataType: 'STORAGE' });

export const tagRecord = (store, t) => ({ id: t.id, name: t.name, creatorName: store.get('user', t.user)?.username ?? null, ...dates(t), dataType: 'TAG' });

export const tdaRecord = (store, x) => ({
  id: x.id, tagId: x.tag, domainClassName: x.domainClassName, domainId: x.domainIdent, ...dates(x), dataType: 'TAG_DOMAIN_ASSOCIATION',
});

export const uploadedFileRecord = (store, f) => ({
  id: f.id, user: f.user ?? null, parent: f.parent ?? null, storage: f.storage ?? null, filename: f.filename ?? null,
  originalFilename: f.originalFilename ?? null, ext: f.ext ?? null, contentType: f.contentType ?? null, size: f.size ?? 0, path: f.filename ?? null,
  status: f.status ?? 0, projects: f.projects ?? [], ...dates(f), thumbnailUrl: null, dataType: 'UPLOADED_FILE',
});

export const roleRecord = (store, r) => ({ id: r.id, authority: r.authority, ...dates(r), dataType: 'ROLE' });

export const userRoleRecord = (store, x) => ({ id: x.id, userId: x.user, roleId: x.role, ...dates(x), dataType: 'USER_ROLE' });

const LANGUAGE = { EN: 'ENGLISH', FR: 'FRENCH', ES: 'SPANISH', NL: 'DUTCH' };

/** `GET /api/user/{id}.json` today: the repository's UserResponse (with the keys, no fullName). */
export function userRecord(store, u) {
  const roleRows = roles(store).filter((r) => (u.roles ?? []).includes(r.authority)).sort((a, b) => a.id - b.id);
  return {
    id: u.id, username: u.username, email: u.email ?? null, name: u.name ?? null, lastname: u.lastname ?? null, firstname: u.firstname ?? null,
    language: LANGUAGE[u.language] ?? u.language ?? null, isDeveloper: !!u.developer, origin: u.origin ?? null, updated: localDateTime(u.updated),
    deleted: localDateTime(u.deletedAt), created: localDateTime(u.created), privateKey: u.privateKey ?? null, publicKey: u.publicKey ?? null,
    roles: roleRows.map((r) => roleRecord(store, r)), dataType: 'USER',
  };
}

/** Record builder of each store table. */
export const RECORD_OF = {
  ontology: ontologyRecord, term: termRecord, relationterm: relationRecord, storage: storageRecord, tag: tagRecord,
  tagdomainassociation: tdaRecord, uploadedfile: uploadedFileRecord, role: roleRecord, secusersecrole: userRoleRecord, user: userRecord,
};

const SPRING_DEFAULT_SIZE = 20;
const SPRING_MAX_SIZE = 2000;

/** Spring's lenient int parsing of a paging parameter: not a number -> 0, negative -> 0. */
function springInt(v) {
  if (v === undefined || v === '') return null;
  const n = /^-?\d+$/.test(v) ? Number(v) : 0;
  return n < 0 ? 0 : n;
}

/**
 * Spring Data's Pageable from `page` (0-based), `size` (default 20, < 1 -> 20, at most 2000) and
 * `sort=prop[,asc|desc]` (repeatable). `max` and `offset` are ignored, as today's core does.
 * @param {import('./router.mjs').Ctx} ctx
 * @param {{prop:string, dir:'asc'|'desc'}} [defaultSort]
 */
export function pageable(ctx, defaultSort) {
  const page = Math.min(springInt(ctx.q('page')) ?? 0, Number.MAX_SAFE_INTEGER);
  let size = springInt(ctx.q('size')) ?? SPRING_DEFAULT_SIZE;
  if (size < 1) size = SPRING_DEFAULT_SIZE;
  if (size > SPRING_MAX_SIZE) size = SPRING_MAX_SIZE;
  const sort = [];
  for (const [k, v] of ctx.pairs) {
    if (k !== 'sort' || !v) continue;
    const parts = v.split(',').map((x) => x.trim()).filter(Boolean);
    const last = parts[parts.length - 1]?.toLowerCase();
    const dir = last === 'asc' || last === 'desc' ? last : 'asc';
    for (const prop of parts) if (prop.toLowerCase() !== 'asc' && prop.toLowerCase() !== 'desc') sort.push({ prop, dir });
  }
  if (!sort.length && defaultSort) sort.push(defaultSort);
  return { page, size, sort };
}

const cmp = (a, b) => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : 1;
};

/**
 * Today's list envelope of a page of `rows` (already filtered): `offset` = page × size,
 * `perPage` = the requested size, `size` = total, `totalPages` = ceil(total / size).
 * Sorting uses the record's own field names; unknown properties are ignored (emulator choice).
 * @param {Array} rows store records
 * @param {ReturnType<typeof pageable>} p
 * @param {(o:any) => object} toRecord
 */
export function springPage(rows, p, toRecord) {
  const recs = rows.map(toRecord);
  const keys = p.sort.filter((s) => recs.length && s.prop in recs[0]);
  recs.sort((a, b) => {
    for (const s of keys) {
      const c = cmp(a[s.prop], b[s.prop]);
      if (c) return s.dir === 'desc' ? -c : c;
    }
    return 0; // stable: callers pass rows in their natural order (ids ascending, commands newest first)
  });
  const offset = p.page * p.size;
  return { collection: recs.slice(offset, offset + p.size), offset, perPage: p.size, size: recs.length, totalPages: Math.ceil(recs.length / p.size) };
}

/** The envelope core makes of the repository's `Page.empty()` (an unreadable container). */
export const emptyPage = () => ({ collection: [], offset: 0, perPage: 0, size: 0, totalPages: 1 });

/**
 * The command response of today's core (record `HttpCommandResponse`).
 * @param {object} cmd a command of `commands-v2.mjs`
 * @param {object} data the record (or `{subCommand, dataType:'UNDO_COMMAND'}`)
 * @param {Array} [subCommands] responses of the sub-commands
 */
export const commandResponse = (cmd, data, subCommands = []) => ({ printMessage: true, data, commandId: cmd.id, command: commandName(cmd), subCommands });

/** 404 ProblemDetail "Unable to find <noun> with id: N" (also for records the user may not read or write). */
export const notFound = (noun, id) => new Problem(404, `Unable to find ${noun} with id: ${id}`);

/** 400 ProblemDetail for a create/update body the repository refuses (emulator's wording). */
export const badBody = (detail) => new Problem(400, detail);
