/** Projects and their members (contract §3.1). */
import { alreadyExist, forbidden, listPath1, listPath2, notFoundFilters, objectNotFound, pagingParams, wrongArgument, ApiError } from '../envelope.mjs';
import { filterPredicate, sortRows } from '../filters.mjs';
import { projectJson, userJson } from '../serialize.mjs';
import { DOMAINS } from '../domains.mjs';
import { reply } from '../router.mjs';
import { boolAttr, cascadeOf, classNotFound, commandReply, inTx, longAttr, longList, toLong } from './common.mjs';

const PCLS = DOMAINS.project.cls;

/** Last activity of a project: newest annotation creation, else project creation (epoch ms). */
function lastActivity(store, p) {
  const ids = store.annotationIdsOfProject(p.id);
  let t = p.updated ?? p.created;
  if (ids.length) t = Math.max(t, store.get('annotation', ids[0]).created);
  return t;
}

function membersCount(store, pid) {
  const m = store.members.get(pid);
  if (!m) return 0;
  return new Set([...m.contributors, ...m.managers]).size;
}

function projectTags(store, pid) {
  return store.byDomain('tagdomainassociation', PCLS, pid).map((id) => store.get('tagdomainassociation', id).tag);
}

function descriptionOf(store, cls, id) {
  const ids = store.byDomain('description', cls, id);
  return ids.length ? store.get('description', ids[0]).data : null;
}

/** Project of `id` for reading: 404 shape B' if absent, 403 shape A if not readable. */
export function readableProject(ctx, id) {
  const p = ctx.store.get('project', id);
  if (!p) throw notFoundFilters('Project', { id });
  ctx.perms.checkRead(p.id);
  return p;
}

function userRoleName(store, pid, uid) {
  const m = store.membersOf(pid);
  if (m.representatives.has(uid)) return 'representative';
  if (m.managers.has(uid)) return 'manager';
  return 'contributor';
}

/** Build a project record from a body (creation and full replacement). */
function projectFromBody(ctx, body, base) {
  const s = ctx.store;
  const ont = toLong(body.ontology);
  if (Number.isNaN(ont)) throw wrongArgument(`ontology was not found with id: ${body.ontology}`);
  if (ont !== null && !s.get('ontology', ont)) throw wrongArgument(`Ontology was not found with id: ${ont}`);
  const readOnly = boolAttr(body, 'isReadOnly');
  const restricted = boolAttr(body, 'isRestricted');
  return {
    ...base,
    name: body.name === undefined || body.name === null ? null : String(body.name),
    ontology: ont,
    blindMode: boolAttr(body, 'blindMode'),
    areImagesDownloadable: boolAttr(body, 'areImagesDownloadable'),
    isClosed: boolAttr(body, 'isClosed'),
    mode: readOnly ? 'READ_ONLY' : restricted ? 'RESTRICTED' : 'CLASSIC',
    hideUsersLayers: boolAttr(body, 'hideUsersLayers'),
    hideAdminsLayers: boolAttr(body, 'hideAdminsLayers'),
  };
}

function checkUniqueName(store, name, exceptId) {
  for (const p of store.t.project.values()) {
    if (p.id !== exceptId && p.name === name) throw alreadyExist(`Project ${name} already exist!`);
  }
}

/** Projects visible in lists: all when admin-by-now, else the user's projects. */
function visibleProjects(ctx) {
  const all = [...ctx.store.t.project.values()];
  if (ctx.perms.adminByNow) return all;
  return all.filter((p) => ctx.perms.isMember(p.id));
}

const PROJECT_FIELDS = new Set(['id', 'name', 'ontology', 'created', 'updated', 'numberOfImages', 'numberOfAnnotations',
  'numberOfJobAnnotations', 'numberOfReviewedAnnotations', 'lastActivity', 'membersCount', 'currentUserRole', 'tag',
  'blindMode', 'isClosed', 'mode', 'ontologyName']);

function projectList(ctx, rows) {
  const s = ctx.store;
  const uid = ctx.user.id;
  const full = rows.map((p) => {
    const j = projectJson(ctx.view, p);
    j.isReadOnly = false; // quirk of the SQL list (§3.1)
    j.isRestricted = false;
    return { p, j };
  });
  const get = (r, f) => {
    switch (f) {
      case 'lastActivity': return lastActivity(s, r.p);
      case 'membersCount': return membersCount(s, r.p.id);
      case 'currentUserRole': return ctx.perms.role(r.p.id) ?? (s.membersOf(r.p.id).representatives.has(uid) ? 'representative' : null);
      case 'tag': return projectTags(s, r.p.id);
      case 'mode': return r.p.mode;
      case 'created': return r.p.created;
      case 'updated': return r.p.updated;
      default: return r.j[f];
    }
  };
  const pred = filterPredicate(ctx.filterParams(), get, PROJECT_FIELDS);
  const kept = full.filter(pred);
  const sort = ctx.q('sort') || 'created';
  sortRows(kept, PROJECT_FIELDS.has(sort) ? sort : 'created', ctx.q('order') || 'desc', get);
  const withM = ctx.qBool('withMembersCount');
  const withL = ctx.qBool('withLastActivity');
  const withD = ctx.qBool('withDescription');
  const withR = ctx.qBool('withCurrentUserRoles');
  return listPath2(kept, pagingParams(ctx), (r) => {
    const j = r.j;
    if (withM) j.membersCount = membersCount(s, r.p.id);
    if (withL) j.lastActivity = lastActivity(s, r.p);
    if (withD) j.description = descriptionOf(s, PCLS, r.p.id) ?? '';
    if (withR) j.currentUserRoles = { admin: ctx.perms.role(r.p.id) === 'manager', representative: s.membersOf(r.p.id).representatives.has(uid) };
    return j;
  });
}

function userOr404(store, id) {
  const u = store.get('user', id);
  if (!u) throw objectNotFound('User', id);
  return u;
}

function projectOr404A(ctx, id) {
  const p = ctx.store.get('project', id);
  if (!p) throw objectNotFound('Project', id);
  return p;
}

function addMember(store, pid, uid, manager) {
  const m = store.membersOf(pid);
  m.contributors.add(uid);
  if (manager) m.managers.add(uid);
}

/** Makes `uid` a representative of the project (the set and its `projectrepresentativeuser` row). */
function addRepresentative(store, pid, uid) {
  store.membersOf(pid).representatives.add(uid);
  store.insert('projectrepresentativeuser', { id: store.newId(), created: Date.now(), updated: null, project: pid, user: uid });
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  r.add('GET', '/api/project.json', (ctx) => projectList(ctx, visibleProjects(ctx)));

  r.add('GET', '/api/project/method/lastopened.json', (ctx) => {
    const s = ctx.store;
    const opened = s.lastOpened.get(ctx.user.id) ?? new Map();
    const rows = visibleProjects(ctx).filter((p) => ctx.perms.isMember(p.id) || ctx.perms.adminByNow)
      .map((p) => ({ id: p.id, date: opened.get(p.id) ?? lastActivity(s, p), opened: opened.has(p.id) }))
      .sort((a, b) => b.date - a.date);
    const { offset } = pagingParams(ctx);
    const max = ctx.qLong('max', 0);
    return listPath1(rows, { offset, max });
  });

  r.add('GET', '/api/bounds/project.json', (ctx) => {
    const s = ctx.store;
    const rows = visibleProjects(ctx);
    const b = (f) => {
      const vals = rows.map(f).filter((x) => x !== null && x !== undefined);
      return vals.length ? { min: Math.min(...vals), max: Math.max(...vals) } : { min: null, max: null };
    };
    const out = {
      created: b((p) => p.created), updated: b((p) => p.updated), mode: { min: null, max: null },
      numberOfImages: b((p) => (s.idx.imagesByProject.get(p.id) ?? []).length),
      numberOfAnnotations: b((p) => s.annotationIdsOfProject(p.id).length),
      numberOfJobAnnotations: { min: 0, max: 0 }, numberOfReviewedAnnotations: { min: 0, max: 0 },
      lastActivity: b((p) => lastActivity(s, p)),
    };
    if (ctx.qBool('withMembersCount')) out.members = b((p) => membersCount(s, p.id));
    return out;
  });

  r.add('GET', '/api/project/:id.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return projectJson(ctx.view, p);
  });

  r.add('POST', '/api/project.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    ctx.perms.checkNotGuest();
    const p = projectFromBody(ctx, body, { id: null, created: Date.now(), updated: null, creator: ctx.user.id });
    checkUniqueName(ctx.store, p.name, null);
    const cmd = ctx.cmds.add(tx, 'project', p);
    addMember(ctx.store, p.id, ctx.user.id, true);
    addRepresentative(ctx.store, p.id, ctx.user.id); // core's ProjectService.afterAdd
    for (const u of longList(body.users)) if (ctx.store.get('user', u)) addMember(ctx.store, p.id, u, false);
    for (const u of longList(body.admins)) if (ctx.store.get('user', u)) addMember(ctx.store, p.id, u, true);
    return commandReply(ctx, 'Add', 'project', p, cmd);
  }));

  r.add('PUT', '/api/project/:id.json', (ctx) => inTx(ctx, (tx) => {
    const body = ctx.jsonObject();
    const id = toLong(body.id);
    const old = id === null || Number.isNaN(id) ? null : ctx.store.get('project', id);
    if (!old) throw classNotFound('project', Number.isNaN(id) ? body.id : id);
    if (!ctx.perms.canRead(old.id)) throw forbidden();
    ctx.perms.checkManager(old.id);
    const p = projectFromBody(ctx, body, { id: old.id, created: old.created, updated: old.updated, creator: old.creator });
    checkUniqueName(ctx.store, p.name, p.id);
    if (p.ontology !== old.ontology && !boolAttr(body, 'forceOntologyUpdate')) {
      const s = ctx.store;
      const hasTerms = s.annotationIdsOfProject(old.id).some((aid) => s.termsOfAnnotation(aid).length > 0);
      if (hasTerms) throw wrongArgument('This project has annotations with terms from the current ontology. Use forceOntologyUpdate=true to change it.');
    }
    const cmd = ctx.cmds.edit(tx, 'project', p);
    return commandReply(ctx, 'Edit', 'project', p, cmd);
  }));

  r.add('DELETE', '/api/project/:id.json', (ctx) => inTx(ctx, (tx) => {
    const id = ctx.pid();
    const p = ctx.store.get('project', id);
    if (!p) throw classNotFound('project', id);
    if (!ctx.perms.canRead(id)) throw forbidden();
    ctx.perms.checkManager(id);
    const json = projectJson(ctx.view, p);
    const cmd = ctx.cmds.delete(tx, 'project', p, cascadeOf(ctx.store, 'project', p));
    return commandReply(ctx, 'Delete', 'project', p, cmd, json);
  }));

  r.add('GET', '/api/ontology/:id/project.json', (ctx) => {
    const oid = ctx.pid();
    const o = ctx.store.get('ontology', oid);
    if (!o) throw objectNotFound('Ontology', oid);
    const rows = [...ctx.store.t.project.values()].filter((p) => p.ontology === oid && ctx.perms.canRead(p.id))
      .sort((a, b) => b.id - a.id);
    return listPath1(rows, pagingParams(ctx), (p) => projectJson(ctx.view, p));
  });

  r.add('GET', '/api/user/:id/project/light.json', (ctx) => {
    const uid = ctx.pid();
    const s = ctx.store;
    userOr404(s, uid);
    if (uid !== ctx.user.id && !ctx.perms.isAdmin) throw forbidden();
    let rows = [...s.t.project.values()].filter((p) => s.membersOf(p.id).contributors.has(uid));
    if (ctx.qBool('creator')) rows = rows.filter((p) => p.creator === uid);
    else if (ctx.qBool('admin')) rows = rows.filter((p) => s.membersOf(p.id).managers.has(uid));
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return listPath1(rows, pagingParams(ctx), (p) => ({ id: p.id, name: p.name }));
  });

  r.add('GET', '/api/user/:id/project.json', (ctx) => {
    const uid = ctx.pid();
    const s = ctx.store;
    userOr404(s, uid);
    const rows = [...s.t.project.values()].filter((p) => s.membersOf(p.id).contributors.has(uid) && ctx.perms.canRead(p.id));
    return projectList(ctx, rows);
  });

  // --- members ---
  r.add('GET', '/api/project/:id/user.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    const s = ctx.store;
    const m = s.membersOf(p.id);
    const users = [...new Set([...m.contributors, ...m.managers])].map((id) => s.get('user', id)).filter(Boolean);
    const col = ctx.q('sortColumn') || 'created';
    const dir = ctx.q('sortDirection') || 'desc';
    const get = (u, f) => (f === 'role' ? userRoleName(s, p.id, u.id) : f === 'fullName' ? userJson(u).fullName : u[f]);
    sortRows(users, col, dir, get);
    return listPath2(users, pagingParams(ctx), (u) => ({ ...userJson(u), role: userRoleName(s, p.id, u.id) }));
  });

  const memberList = (pick) => (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    const s = ctx.store;
    const ids = [...pick(s, p)];
    const users = ids.map((id) => s.get('user', id)).filter(Boolean).sort((a, b) => a.id - b.id);
    return listPath1(users, pagingParams(ctx), userJson);
  };
  r.add('GET', '/api/project/:id/admin.json', memberList((s, p) => s.membersOf(p.id).managers));
  r.add('GET', '/api/project/:id/users/representative.json', memberList((s, p) => s.membersOf(p.id).representatives));
  r.add('GET', '/api/project/:id/creator.json', memberList((s, p) => (p.creator ? [p.creator] : [])));

  const ok = { data: { message: 'OK' } };
  r.add('POST', '/api/project/:id/user/:user/admin.json', (ctx) => {
    const p = projectOr404A(ctx, ctx.pid());
    userOr404(ctx.store, ctx.pid('user'));
    ctx.perms.checkManager(p.id);
    addMember(ctx.store, p.id, ctx.pid('user'), true);
    return ok;
  });
  r.add('DELETE', '/api/project/:id/user/:user/admin.json', (ctx) => {
    const p = projectOr404A(ctx, ctx.pid());
    userOr404(ctx.store, ctx.pid('user'));
    ctx.perms.checkManager(p.id);
    ctx.store.membersOf(p.id).managers.delete(ctx.pid('user'));
    return ok;
  });
  r.add('POST', '/api/project/:id/user/:user.json', (ctx) => {
    const p = projectOr404A(ctx, ctx.pid());
    userOr404(ctx.store, ctx.pid('user'));
    ctx.perms.checkManager(p.id);
    addMember(ctx.store, p.id, ctx.pid('user'), false);
    return ok;
  });
  r.add('DELETE', '/api/project/:id/user/:user.json', (ctx) => {
    const p = projectOr404A(ctx, ctx.pid());
    userOr404(ctx.store, ctx.pid('user'));
    ctx.perms.checkManager(p.id);
    const m = ctx.store.membersOf(p.id);
    const u = ctx.pid('user');
    m.contributors.delete(u);
    m.managers.delete(u);
    m.representatives.delete(u);
    return ok;
  });
  const multi = (add) => (ctx) => {
    const p = projectOr404A(ctx, ctx.pid());
    ctx.perms.checkManager(p.id);
    const ids = String(ctx.q('users') ?? '').split(',').filter(Boolean);
    const bad = [];
    for (const raw of ids) {
      const u = Number(raw);
      if (!Number.isInteger(u) || !ctx.store.get('user', u)) {
        bad.push(raw);
        continue;
      }
      const m = ctx.store.membersOf(p.id);
      if (add) m.contributors.add(u);
      else {
        m.contributors.delete(u);
        m.managers.delete(u);
        m.representatives.delete(u);
      }
    }
    if (bad.length) return reply(206, { data: { message: `Cannot ${add ? 'add' : 'delete'} users ${bad.join(',')}: user not found` }, status: 206 });
    return { data: { message: 'OK' }, status: 200 };
  };
  r.add('POST', '/api/project/:id/user.json', multi(true));
  r.add('DELETE', '/api/project/:id/user.json', multi(false));

  // --- command history (bare arrays) ---
  const history = (ctx, pid, max) => {
    const s = ctx.store;
    const user = ctx.qLong('user');
    const start = ctx.qLong('startDate');
    const end = ctx.qLong('endDate');
    let rows = ctx.cmds.history.filter((h) => (pid === null ? ctx.perms.isAdmin || (h.project !== null && ctx.perms.canRead(h.project)) : h.project === pid)
      && (user === null || h.user === user) && (start === null || h.created >= start) && (end === null || h.created <= end));
    rows = rows.slice().reverse();
    const offset = ctx.qLong('offset', 0);
    const m = max ?? ctx.qLong('max', 0);
    rows = rows.slice(offset, m > 0 ? offset + m : undefined);
    return rows.map((h) => ({
      id: h.id, created: String(h.created), user: h.user, project: h.project, message: h.message,
      prefix: h.table === 'annotation' ? 'UserAnnotation' : h.table, prefixAction: h.action, action: `${h.action} ${h.table}`,
      username: s.get('user', h.user)?.username ?? null,
    }));
  };
  r.add('GET', '/api/commandhistory.json', (ctx) => history(ctx, null));
  r.add('GET', '/api/project/:id/commandhistory.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return history(ctx, p.id);
  });
  r.add('GET', '/api/project/:id/last/:max.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return history(ctx, p.id, ctx.pid('max'));
  });
}

export { ApiError };
