/**
 * Today's repository-backed routes (delta §3.1-§3.2), registered with `core: '2026'` before the
 * legacy ones, so they replace them on that generation only: ontologies (with `ontology_light.json`
 * and `ontology/{id}/export`), terms, term relations, storages, tags, tag associations, uploaded
 * files, roles, user roles, `user/{id}.json` and `POST user.json`, and the command history
 * (`GET /api/commands`, `POST /api/commands/undo/{uuid}`).
 *
 * Rules (facts of core and the repository service): create bodies are records (an array body
 * gives core's 400 "The body cannot be parsed"); create has no ACL check; PUT is partial and the
 * path id picks the object; delete is soft; a missing, unreadable or unwritable object is a 404
 * ProblemDetail "Unable to find <thing> with id: N"; lists of an unreadable container are empty.
 */
import { randomUUID } from 'node:crypto';
import { Problem, wrongArgument } from '../envelope.mjs';
import { reply } from '../router.mjs';
import { CommandsV2, commandType } from '../commands-v2.mjs';
import {
  KIND, RECORD_OF, badBody, commandResponse, emptyPage, localDateTime, notFound, pageable, springPage,
} from '../repository.mjs';
import { aclOf, hasAccess } from './storage.mjs';
import { checkReadDomain, checkWriteDomain, resolveDomain } from './meta.mjs';
import { roles } from './activity.mjs';
import { syncRoles } from './settings.mjs';
import { readableProject } from './projects.mjs';

const ONLY = { core: '2026', repeatable: true };
const AUTHORITIES = ['ROLE_GUEST', 'ROLE_USER', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The v2 command log of a request's emulator (created on first use). */
const v2 = (ctx) => (ctx.env.cmdsV2 ??= new CommandsV2(ctx.store));

const isSet = (v) => v !== undefined && v !== null;
const str = (body, name) => (isSet(body[name]) ? String(body[name]) : undefined);
const requiredStr = (body, name) => {
  const v = str(body, name);
  if (v === undefined || v === '') throw badBody(`${name} must not be empty`);
  return v;
};
/** Core's answer to a body Jackson cannot map (its HttpMessageNotReadable handler: legacy shape A, 400). */
const unreadable = () => wrongArgument('The body cannot be parsed, is the body content in the good format?', { shape: 'A', noErrorValues: true });
/** The JSON object body (an array or malformed JSON is unreadable: records are objects). */
const bodyOf = (ctx) => {
  try {
    return ctx.jsonObject();
  } catch {
    throw unreadable();
  }
};
/** A JSON long as Jackson reads it into a primitive (absent -> 0; not a number -> unreadable). */
const primitiveLong = (body, name) => {
  if (!isSet(body[name])) return 0;
  const n = Number(body[name]);
  if (!Number.isInteger(n)) throw unreadable();
  return n;
};
/** A `long` path variable (Spring's type mismatch is a 400 ProblemDetail). */
const pathId = (ctx, name = 'id') => {
  const raw = ctx.params[name];
  if (!/^-?\d+$/.test(raw)) throw new Problem(400, `Failed to convert '${name}' with value: '${raw}'`);
  return Number(raw);
};

/** Record JSON of a store record (with `deleted` set for soft-deleted ones). */
const recordOf = (ctx, table, o) => RECORD_OF[table](ctx.store, o);

/**
 * Declares one repository domain.
 * @param {import('../router.mjs').Router} r
 * @param {object} d `{ kind, noun, one, readable(ctx,o), writable(ctx,o), create: {paths, build(ctx, body)},
 *   update: {path, apply(ctx, old, body)}, del: [{path, locate(ctx)}], children(store, o), lists: {path: {rows(ctx), sort}} }`
 */
function domain(r, d) {
  const { table } = d.kind;
  const readable = d.readable ?? (() => true);
  const writable = d.writable ?? (() => true);
  const find = (ctx, id) => {
    const o = ctx.store.get(table, id);
    return o && readable(ctx, o) ? o : null;
  };
  if (d.one) {
    r.add('GET', d.one, (ctx) => {
      const id = pathId(ctx);
      const o = find(ctx, id);
      if (!o) throw notFound(d.noun, id);
      return recordOf(ctx, table, o);
    }, ONLY);
  }
  for (const [path, l] of Object.entries(d.lists ?? {})) {
    r.add('GET', path, (ctx) => {
      const p = pageable(ctx, l.sort);
      const rows = l.rows(ctx);
      if (rows === null) return emptyPage();
      return springPage(rows.filter((o) => readable(ctx, o)).sort((a, b) => a.id - b.id), p, (o) => (l.map ?? ((x) => recordOf(ctx, table, x)))(o));
    }, ONLY);
  }
  if (d.create) {
    for (const path of d.create.paths) {
      r.add('POST', path, (ctx) => {
        const rec = d.create.build(ctx, bodyOf(ctx));
        if (rec === null) return reply(200, null);
        const cmd = v2(ctx).create(d.kind, ctx.user.id, rec);
        d.create.after?.(ctx, rec);
        return commandResponse(cmd, recordOf(ctx, table, rec));
      }, ONLY);
    }
  }
  if (d.update) {
    r.add('PUT', d.update.path, (ctx) => {
      const id = pathId(ctx);
      const body = bodyOf(ctx);
      const old = find(ctx, id);
      if (!old || !writable(ctx, old)) throw notFound(d.noun, id);
      const rec = d.update.apply(ctx, { ...old }, body);
      const cmd = v2(ctx).update(d.kind, ctx.user.id, old, rec);
      return commandResponse(cmd, recordOf(ctx, table, rec));
    }, ONLY);
  }
  for (const del of d.del ?? []) {
    r.add('DELETE', del.path, (ctx) => {
      const o = del.locate ? del.locate(ctx) : find(ctx, pathId(ctx));
      if (!o || !readable(ctx, o) || !writable(ctx, o)) throw del.missing ? del.missing(ctx) : notFound(d.noun, ctx.params.id);
      d.guard?.(ctx, o);
      const record = recordOf(ctx, table, o);
      const { cmd, subs } = v2(ctx).delete(d.kind, ctx.user.id, o, d.children?.(ctx.store, o) ?? []);
      d.afterDelete?.(ctx, o);
      const subResponses = subs.map((s) => commandResponse(s, { ...recordOf(ctx, s.table, s.before), deleted: localDateTime(cmd.deletedAt) }));
      return commandResponse(cmd, { ...record, deleted: localDateTime(cmd.deletedAt) }, subResponses);
    }, ONLY);
  }
  DOMAIN_OF[table] = { readable, writable };
}

/** Rights of each table, for undo (the repository checks write rights on the object's ACL). */
const DOMAIN_OF = {};

const relationsOfTerm = (store, id) => [...store.t.relationterm.values()].filter((x) => x.term1 === id || x.term2 === id);
const termChildren = (store, t) => relationsOfTerm(store, t.id).map((x) => ({ kind: KIND.relation, obj: x }));
const ontologyOfTerm = (store, t) => store.get('ontology', t?.ontology);

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  const canReadOntology = (ctx, o) => !!o && ctx.perms.canReadOntology(o);
  const canWriteOntology = (ctx, o) => !!o && ctx.perms.canWriteOntology(o);

  // --- ontologies ---
  domain(r, {
    kind: KIND.ontology,
    noun: 'ontology',
    one: '/api/ontology/:id.json',
    readable: canReadOntology,
    writable: canWriteOntology,
    lists: { '/api/ontology.json': { rows: (ctx) => ctx.store.all('ontology') } },
    create: {
      paths: ['/api/ontology.json'],
      build: (ctx, b) => ({ id: null, created: Date.now(), updated: null, name: requiredStr(b, 'name'), user: ctx.user.id }),
    },
    update: {
      path: '/api/ontology/:id.json',
      apply: (ctx, o, b) => ({ ...o, name: str(b, 'name') ?? o.name }),
    },
    del: [{ path: '/api/ontology/:id.json' }],
    children: (store, o) => {
      const terms = store.termsOfOntology(o.id);
      const rels = new Map();
      for (const t of terms) for (const x of relationsOfTerm(store, t.id)) rels.set(x.id, x);
      return [...[...rels.values()].map((x) => ({ kind: KIND.relation, obj: x })), ...terms.map((t) => ({ kind: KIND.term, obj: t }))];
    },
  });
  r.add('GET', '/api/ontology_light.json', (ctx) => springPage(
    ctx.store.all('ontology').filter((o) => ctx.perms.canReadOntology(o)).sort((a, b) => a.id - b.id),
    pageable(ctx),
    (o) => ({ id: o.id, name: o.name }),
  ), ONLY);
  r.add('GET', '/api/ontology/:id/export', (ctx) => {
    const o = ctx.store.get('ontology', pathId(ctx));
    if (!canReadOntology(ctx, o)) throw notFound('ontology', ctx.params.id);
    const terms = ctx.store.termsOfOntology(o.id).sort((a, b) => a.id - b.id).map((t) => ({ name: t.name, color: t.color }));
    return reply(200, { name: o.name, terms }, { headers: { 'Content-Disposition': `attachment; filename=${o.name}.json` } });
  }, ONLY);

  // --- terms ---
  domain(r, {
    kind: KIND.term,
    noun: 'term',
    one: '/api/term/:id.json',
    readable: (ctx, t) => canReadOntology(ctx, ontologyOfTerm(ctx.store, t)),
    writable: (ctx, t) => canWriteOntology(ctx, ontologyOfTerm(ctx.store, t)),
    lists: {
      '/api/ontology/:id/term.json': {
        rows: (ctx) => {
          const o = ctx.store.get('ontology', pathId(ctx));
          return canReadOntology(ctx, o) ? ctx.store.termsOfOntology(o.id) : null;
        },
      },
      '/api/project/:id/term.json': {
        rows: (ctx) => {
          let p;
          try {
            p = readableProject(ctx, pathId(ctx));
          } catch {
            return null;
          }
          return p.ontology ? ctx.store.termsOfOntology(p.ontology) : null;
        },
      },
    },
    create: {
      paths: ['/api/term.json'],
      build: (ctx, b) => {
        const name = requiredStr(b, 'name');
        const color = requiredStr(b, 'color');
        const ontology = primitiveLong(b, 'ontology');
        if (!ctx.store.get('ontology', ontology)) throw badBody(`Unable to find ontology with id: ${ontology}`);
        return { id: null, created: Date.now(), updated: null, name, color, ontology, comment: str(b, 'comment') ?? null };
      },
    },
    update: {
      path: '/api/term/:id.json',
      apply: (ctx, t, b) => ({ ...t, name: str(b, 'name') ?? t.name, color: str(b, 'color') ?? t.color }),
    },
    del: [{ path: '/api/term/:id.json' }],
    children: termChildren,
  });

  // --- term relations (always "parent") ---
  const relationReadable = (ctx, x) => canReadOntology(ctx, ontologyOfTerm(ctx.store, ctx.store.get('term', x.term1)));
  const relationWritable = (ctx, x) => canWriteOntology(ctx, ontologyOfTerm(ctx.store, ctx.store.get('term', x.term1)));
  domain(r, {
    kind: KIND.relation,
    noun: 'term relation',
    one: '/api/relation/term/:id.json',
    readable: relationReadable,
    writable: relationWritable,
    create: {
      paths: ['/api/relation/term.json', '/api/relation/parent/term.json'],
      build: (ctx, b) => {
        const term1 = primitiveLong(b, 'term1');
        const term2 = primitiveLong(b, 'term2');
        for (const [n, id] of [['term1', term1], ['term2', term2]]) if (!ctx.store.get('term', id)) throw badBody(`Unable to find term with id: ${id} (${n})`);
        return { id: null, created: Date.now(), updated: null, relation: ctx.store.parentRelationId, term1, term2 };
      },
    },
    update: {
      path: '/api/relation/term/:id.json',
      apply: (ctx, x, b) => {
        const out = { ...x };
        for (const [k, f] of [['term1Id', 'term1'], ['term2Id', 'term2'], ['relationId', 'relation']]) {
          if (!isSet(b[k])) continue;
          const n = Number(b[k]);
          if (!Number.isInteger(n) || !ctx.store.get(f === 'relation' ? 'relation' : 'term', n)) throw badBody(`${k} ${b[k]} does not exist`);
          out[f] = n;
        }
        return out;
      },
    },
    del: [
      { path: '/api/relation/term/:id.json' },
      {
        path: '/api/relation/parent/term1/:t1/term2/:t2.json',
        locate: (ctx) => [...ctx.store.t.relationterm.values()].find((x) => x.term1 === pathId(ctx, 't1') && x.term2 === pathId(ctx, 't2') && x.relation === ctx.store.parentRelationId),
        missing: (ctx) => new Problem(404, `Unable to find term relation for term1=${ctx.params.t1} term2=${ctx.params.t2}`),
      },
    ],
  });

  // --- storages (storage members routes are gone today) ---
  domain(r, {
    kind: KIND.storage,
    noun: 'storage',
    one: '/api/storage/:id.json',
    readable: (ctx, s) => hasAccess(ctx, s.id, 'READ'),
    writable: (ctx, s) => hasAccess(ctx, s.id, 'WRITE'),
    lists: { '/api/storage.json': { rows: (ctx) => ctx.store.all('storage') } },
    create: {
      paths: ['/api/storage.json'],
      build: (ctx, b) => ({ id: null, created: Date.now(), updated: null, name: requiredStr(b, 'name'), user: ctx.user.id }),
      after: (ctx, s) => aclOf(ctx.store, s.id).set(s.user, 'ADMINISTRATION'),
    },
    update: { path: '/api/storage/:id.json', apply: (ctx, s, b) => ({ ...s, name: str(b, 'name') ?? s.name }) },
    del: [{ path: '/api/storage/:id.json' }],
  });

  // --- tags (list sorted by `created` descending by default) ---
  const tagWritable = (ctx, t) => ctx.perms.isAdmin || t.user === ctx.user.id;
  domain(r, {
    kind: KIND.tag,
    noun: 'tag',
    one: '/api/tag/:id.json',
    writable: tagWritable,
    lists: { '/api/tag.json': { rows: (ctx) => ctx.store.all('tag'), sort: { prop: 'created', dir: 'desc' } } },
    create: {
      paths: ['/api/tag.json'],
      build: (ctx, b) => ({ id: null, created: Date.now(), updated: null, name: requiredStr(b, 'name'), user: ctx.user.id }),
    },
    update: { path: '/api/tag/:id.json', apply: (ctx, t, b) => ({ ...t, name: str(b, 'name') ?? t.name }) },
    del: [{ path: '/api/tag/:id.json' }],
    children: (store, t) => [...store.t.tagdomainassociation.values()].filter((x) => x.tag === t.id).map((x) => ({ kind: KIND.tda, obj: x })),
  });

  // --- tag domain associations: body {tagId, domainClassName, domainId} ---
  const tdaDomainOk = (check) => (ctx, x) => {
    try {
      check(ctx, resolveDomain(ctx, x.domainClassName, x.domainIdent));
      return true;
    } catch {
      return false;
    }
  };
  domain(r, {
    kind: KIND.tda,
    noun: 'tag domain association',
    one: '/api/tag_domain_association/:id.json',
    readable: tdaDomainOk(checkReadDomain),
    writable: tdaDomainOk(checkWriteDomain),
    lists: {
      '/api/tag_domain_association.json': { rows: (ctx) => ctx.store.all('tagdomainassociation') },
      '/api/domain/:cls/:ident/tag_domain_association.json': {
        rows: (ctx) => ctx.store.byDomain('tagdomainassociation', ctx.params.cls, Number(ctx.params.ident)).map((id) => ctx.store.get('tagdomainassociation', id)),
      },
    },
    create: {
      paths: ['/api/tag_domain_association.json', '/api/domain/:cls/:ident/tag_domain_association.json'],
      build: (ctx, b) => {
        const tag = primitiveLong(b, 'tagId');
        const domainIdent = primitiveLong(b, 'domainId');
        const domainClassName = requiredStr(b, 'domainClassName');
        if (!ctx.store.get('tag', tag)) throw badBody(`Unable to find tag with id: ${tag}`);
        return { id: null, created: Date.now(), updated: null, tag, domainClassName, domainIdent };
      },
    },
    del: [{ path: '/api/tag_domain_association/:id.json' }],
  });

  // --- uploaded files ---
  const UF_UPDATABLE = { filename: 'str', originalFilename: 'str', ext: 'str', contentType: 'str', size: 'num', status: 'num', projects: 'list' };
  domain(r, {
    kind: KIND.uploadedFile,
    noun: 'uploaded file',
    one: '/api/uploadedfile/:id.json',
    readable: (ctx, f) => f.user === ctx.user.id || hasAccess(ctx, f.storage, 'READ'),
    writable: (ctx, f) => hasAccess(ctx, f.storage, 'WRITE'),
    lists: { '/api/uploadedfile.json': { rows: (ctx) => ctx.store.all('uploadedfile') } },
    create: {
      paths: ['/api/uploadedfile.json'],
      build: (ctx, b) => {
        const storage = primitiveLong(b, 'storage');
        if (!ctx.store.get('storage', storage)) throw badBody(`Unable to find storage with id: ${storage}`);
        const parent = isSet(b.parent) ? primitiveLong(b, 'parent') : null;
        return {
          id: null, created: Date.now(), updated: null, user: primitiveLong(b, 'user') || ctx.user.id, storage, parent,
          filename: requiredStr(b, 'filename'), originalFilename: requiredStr(b, 'originalFilename'), ext: str(b, 'ext') ?? null,
          contentType: str(b, 'contentType') ?? null, size: isSet(b.size) ? primitiveLong(b, 'size') : null, status: primitiveLong(b, 'status'),
          projects: Array.isArray(b.projects) ? b.projects.map(Number).filter(Number.isInteger) : [], isArchive: false,
        };
      },
    },
    update: {
      path: '/api/uploadedfile/:id.json',
      apply: (ctx, f, b) => {
        const out = { ...f };
        for (const [k, t] of Object.entries(UF_UPDATABLE)) {
          if (!isSet(b[k])) continue;
          out[k] = t === 'str' ? String(b[k]) : t === 'num' ? primitiveLong(b, k) : (Array.isArray(b[k]) ? b[k].map(Number).filter(Number.isInteger) : out[k]);
        }
        return out;
      },
    },
    del: [{ path: '/api/uploadedfile/:id.json' }],
  });

  // --- roles ---
  const adminOnly = (ctx) => ctx.perms.isAdmin;
  r.add('GET', '/api/role.json', (ctx) => springPage(roles(ctx.store), pageable(ctx), (x) => recordOf(ctx, 'role', x)), ONLY);
  domain(r, {
    kind: KIND.role,
    noun: 'role',
    one: '/api/role/:id.json',
    writable: adminOnly,
    create: {
      paths: ['/api/role.json'],
      build: (ctx, b) => ({ id: null, created: Date.now(), updated: null, authority: requiredStr(b, 'authority') }),
    },
    update: { path: '/api/role/:id.json', apply: (ctx, x, b) => ({ ...x, authority: str(b, 'authority') ?? x.authority }) },
    del: [{ path: '/api/role/:id.json' }],
  });

  // --- user roles ---
  const userRoleOf = (ctx) => syncRoles(ctx.store, pathId(ctx, 'u')).find((x) => x.role === pathId(ctx, 'r'));
  r.add('GET', '/api/user/:u/role.json', (ctx) => springPage(syncRoles(ctx.store, pathId(ctx, 'u')), pageable(ctx), (x) => recordOf(ctx, 'secusersecrole', x)), ONLY);
  r.add('GET', '/api/user/:u/role/:r.json', (ctx) => {
    const x = userRoleOf(ctx);
    if (!x) throw new Problem(404, `Unable to find user role for user ${ctx.params.u} and role ${ctx.params.r}`);
    return recordOf(ctx, 'secusersecrole', x);
  }, ONLY);
  const mirrorRoles = (store, uid) => {
    const u = store.get('user', uid);
    if (u) u.roles = AUTHORITIES.filter((a) => store.all('secusersecrole').some((x) => x.user === uid && x.authority === a));
  };
  domain(r, {
    kind: KIND.userRole,
    noun: 'user role',
    writable: adminOnly,
    create: {
      paths: ['/api/user/:u/role.json'],
      build: (ctx, b) => {
        const user = primitiveLong(b, 'userId');
        const role = roles(ctx.store).find((x) => x.id === primitiveLong(b, 'roleId'));
        if (!ctx.store.get('user', user) || !role) throw badBody(`Unable to find user ${user} or role ${b.roleId}`);
        syncRoles(ctx.store, user);
        return { id: null, created: Date.now(), updated: null, user, role: role.id, authority: role.authority };
      },
      after: (ctx, x) => mirrorRoles(ctx.store, x.user),
    },
    del: [{
      path: '/api/user/:u/role/:r.json',
      locate: userRoleOf,
      missing: (ctx) => new Problem(404, `Unable to find user role for user ${ctx.params.u} and role ${ctx.params.r}`),
    }],
    afterDelete: (ctx, x) => mirrorRoles(ctx.store, x.user),
  });
  r.add('PUT', '/api/user/:u/role/:role/define.json', (ctx) => {
    const authority = ctx.params.role;
    if (!AUTHORITIES.includes(authority)) throw new Problem(400, `Failed to convert 'role' with value: '${authority}'`);
    const u = ctx.store.get('user', pathId(ctx, 'u'));
    if (u && ctx.perms.isAdmin) {
      const rank = AUTHORITIES.indexOf(authority);
      u.roles = rank === 0 ? ['ROLE_GUEST'] : AUTHORITIES.slice(1, rank + 1);
      syncRoles(ctx.store, u.id);
    }
    // the caller's own user roles, as core answers
    return springPage(syncRoles(ctx.store, ctx.user.id), pageable(ctx), (x) => recordOf(ctx, 'secusersecrole', x));
  }, ONLY);

  // --- users: GET/PUT/DELETE user/{id}.json (numeric ids only) and POST user.json ---
  domain(r, {
    kind: KIND.user,
    noun: 'user',
    one: '/api/user/:id.json',
    writable: (ctx, u) => ctx.perms.isAdmin || u.id === ctx.user.id,
    create: {
      paths: ['/api/user.json'],
      build: (ctx, b) => {
        if (!ctx.perms.isAdmin) throw new Problem(403, 'You must be an administrator');
        const username = requiredStr(b, 'username');
        const role = requiredStr(b, 'role');
        if (!AUTHORITIES.includes(role)) throw badBody(`role must be one of ${AUTHORITIES.join(', ')}`);
        if (ctx.store.userByUsername(username)) throw badBody(`User ${username} already exists`);
        const rank = AUTHORITIES.indexOf(role);
        return {
          id: null, created: Date.now(), updated: null, username, name: str(b, 'name') ?? username, firstname: str(b, 'firstname') ?? null,
          lastname: str(b, 'lastname') ?? null, email: requiredStr(b, 'email'), origin: str(b, 'origin') ?? 'SYSTEM', developer: b.developer === true,
          language: (str(b, 'language') ?? 'EN').slice(0, 2).toUpperCase(), roles: rank === 0 ? ['ROLE_GUEST'] : AUTHORITIES.slice(1, rank + 1),
          enabled: true, publicKey: str(b, 'publicKey') ?? randomUUID(), privateKey: str(b, 'privateKey') ?? randomUUID(),
          password: str(b, 'password') ?? null,
        };
      },
    },
    update: {
      path: '/api/user/:id.json',
      apply: (ctx, u, b) => {
        const out = { ...u };
        for (const k of ['email', 'name', 'firstname', 'lastname', 'origin', 'privateKey', 'publicKey', 'password']) if (isSet(b[k])) out[k] = String(b[k]);
        if (isSet(b.language)) out.language = String(b.language).slice(0, 2).toUpperCase();
        if (isSet(b.developer)) out.developer = b.developer === true;
        return out;
      },
    },
    del: [{ path: '/api/user/:id.json' }],
    guard: (ctx, u) => {
      if (['admin', 'imageserver1'].includes(u.username.toLowerCase())) throw new Problem(403, "should NOT delete 'admin' or 'ImageServer1' users");
    },
  });

  // --- command history v2 ---
  r.add('GET', '/api/commands', (ctx) => {
    const rows = v2(ctx).ofUser(ctx.user.id);
    const payload = (o) => (o ? (({ dataType, ...rest }) => rest)(recordOf(ctx, o.__table, o)) : null);
    const item = (c) => {
      const op = c.target ? v2(ctx).byId.get(c.target) : c;
      const tag = (o) => (o ? { ...o, __table: op.table } : null);
      return {
        id: c.id,
        commandRequest: { commandType: commandType(c), data: { before: payload(tag(op.before)), after: payload(tag(op.after)) }, userId: c.userId },
        created: localDateTime(c.created),
      };
    };
    return springPage(rows, pageable(ctx, { prop: 'created', dir: 'desc' }), item);
  }, ONLY);
  r.add('POST', '/api/commands/undo/:uuid', (ctx) => {
    const uuid = ctx.params.uuid;
    if (!UUID_RE.test(uuid)) throw new Problem(400, `Failed to convert 'commandId' with value: '${uuid}'`);
    const log = v2(ctx);
    const c = log.byId.get(uuid);
    const op = c && (c.target ? log.byId.get(c.target) : c);
    const target = op && ctx.store.get(op.table, (op.after ?? op.before).id);
    const allowed = op && (DOMAIN_OF[op.table]?.writable ?? (() => false))(ctx, target ?? op.after ?? op.before);
    const done = allowed ? log.undo(ctx.user.id, uuid) : null;
    if (!done) return reply(200, null); // the repository's empty Optional: 200 without a body
    const toResponse = (u) => commandResponse(u.cmd, { subCommand: recordOf(ctx, u.cmd.table, u.record), dataType: 'UNDO_COMMAND' }, u.subs.map(toResponse));
    return toResponse(done);
  }, ONLY);
}
