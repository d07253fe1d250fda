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
  if (ont !== null && !s.get('ontology', ont)) throw wrongArgument(`ontology was not found with id: ${ont}`);
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

const ONTOLOGY_CLS = DOMAINS.ontology.cls;

/**
 * core's ProjectService.add: `securityACLService.check(ontology, Ontology.class, READ)` before
 * anything else: 404 "ACL error: .. was not found!" or 403 when the caller cannot read it.
 */
function checkOntologyReadable(ctx, raw) {
  const oid = toLong(raw);
  if (oid === null) return;
  const o = Number.isNaN(oid) ? null : ctx.store.get('ontology', oid);
  if (!o) throw new ApiError('ObjectNotFound', `ACL error: class ${ONTOLOGY_CLS} with id ${raw} was not found! Unable to process auth checking`);
  if (!ctx.perms.canReadOntology(o)) throw forbidden(`You don't have the right to read or modify this resource! class ${ONTOLOGY_CLS} ${o.id}`);
}

/** core's `securityACLService.check(project, WRITE|ADMINISTRATION)`: managers (and admins) only. */
function checkAdministers(ctx, pid) {
  if (!ctx.perms.isManager(pid)) throw forbidden(`You don't have the right to read or modify this resource! class ${PCLS} ${pid}`);
}

/**
 * core's ProjectService.update when the ontology changes (an old one set, a different id or
 * none in the body): refused with 403 while the project has annotation terms (unless
 * `forceOntologyUpdate`, which deletes them in the same transaction) or "reviewed" ones — core
 * counts the reviewed annotations *without* terms there (`countAllByProjectAndTerms_Empty`).
 */
function changeOntology(ctx, tx, old, body) {
  const s = ctx.store;
  if (old.ontology === null || toLong(body.ontology) === old.ontology) return;
  const force = boolAttr(body, 'forceOntologyUpdate');
  const terms = s.annotationIdsOfProject(old.id).flatMap((aid) => s.termsOfAnnotation(aid));
  const user = force ? 0 : terms.length;
  const reviewed = s.all('reviewedannotation').filter((x) => x.project === old.id && !(x.terms ?? []).length).length;
  if (user + reviewed > 0) {
    const members = force ? '' : `${user} from project members, `;
    throw forbidden(`This project has ${user + reviewed} associated terms: ${members}0 from jobs and ${reviewed} reviewed. The ontology cannot be updated.`,
      { errorValues: { userAssociatedTermsCount: user, algoAssociatedTermsCount: 0, reviewedAssociatedTermsCount: reviewed } });
  }
  for (const at of terms) ctx.cmds.delete(tx, 'annotationterm', at);
}

function checkUniqueName(store, name, exceptId) {
  for (const p of store.t.project.values()) {
    if (p.id !== exceptId && p.name === name) throw alreadyExist(`Project ${name} already exist!`);
  }
}

/**
 * Projects visible in lists: all when admin-by-now (today's core: only for the username `admin`
 * with the admin session on, delta §1.7), else the user's projects.
 */
function visibleProjects(ctx) {
  const all = [...ctx.store.t.project.values()];
  if (ctx.perms.adminByNow && (ctx.core !== '2026' || ctx.user.username === 'admin')) return all;
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
  const withM = ctx.qBool('withMembersCount');
  const withL = ctx.qBool('withLastActivity');
  const withD = ctx.qBool('withDescription');
  const withR = ctx.qBool('withCurrentUserRoles');
  const sort = ctx.q('sort') || 'created';
  // core's ProjectService.list: these columns exist only with their extension
  if (sort === 'lastActivity' && !withL) throw wrongArgument('Cannot sort on lastActivity without argument withLastActivity');
  if (sort === 'membersCount' && !withM) throw wrongArgument('Cannot sort on membersCount without argument withMembersCount');
  const filters = ctx.filterParams();
  if (!withM && filters.some((f) => f.field === 'membersCount')) throw wrongArgument('Cannot search on members attributes without argument withMembersCount');
  // the role filter needs withCurrentUserRoles and only tells managers from the others
  const roleFilters = filters.filter((f) => f.field === 'currentUserRole');
  const pred = filterPredicate(filters.filter((f) => f.field !== 'currentUserRole'), get, PROJECT_FIELDS);
  const roles = new Set(roleFilters.flatMap((f) => String(f.value).split(',')));
  const wanted = !withR || !roleFilters.length || (roles.has('manager') && roles.has('contributor')) ? null
    : roles.has('manager') ? true : roles.has('contributor') ? false : null;
  const kept = full.filter((r) => pred(r) && (wanted === null || ctx.perms.role(r.p.id) === 'manager' === wanted));
  sortRows(kept, PROJECT_FIELDS.has(sort) ? sort : 'created', ctx.q('order') || 'desc', get);
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

/** core's UserService.addUserToProject (after its check): READ, and ADMINISTRATION for a manager. */
function addMember(store, pid, uid, manager) {
  const m = store.membersOf(pid);
  m.contributors.add(uid);
  m.readRemoved?.delete(uid);
  if (manager) m.managers.add(uid);
}

/** Makes `uid` a representative of the project (the set and its `projectrepresentativeuser` row). */
function addRepresentative(store, pid, uid) {
  if (store.membersOf(pid).representatives.has(uid)) return;
  store.membersOf(pid).representatives.add(uid);
  store.insert('projectrepresentativeuser', { id: store.newId(), created: Date.now(), updated: null, project: pid, user: uid });
}

/**
 * Managers whose READ right was removed (core's ACL keeps READ and ADMINISTRATION apart, and
 * compares masks, so ADMINISTRATION alone still grants access): they lose access with it.
 */
const readRemoved = (store, pid) => (store.membersOf(pid).readRemoved ??= new Set());

/**
 * core's UserService.deleteUserFromProject (after its checks): `admin` removes ADMINISTRATION,
 * otherwise READ goes. A user left with neither loses access; they keep their representative
 * row unless they were the only representative: then the caller becomes one (and a manager
 * if not a member).
 */
function removeMember(ctx, pid, uid, admin) {
  const s = ctx.store;
  const m = s.membersOf(pid);
  if (!m.contributors.has(uid)) return;
  if (admin) {
    if (!m.managers.delete(uid) || !readRemoved(s, pid).delete(uid)) return;
  } else if (m.managers.has(uid)) {
    readRemoved(s, pid).add(uid);
    return;
  }
  m.contributors.delete(uid);
  if (m.representatives.size === 1 && m.representatives.has(uid)) {
    if (!m.contributors.has(ctx.user.id)) addMember(s, pid, ctx.user.id, true);
    addRepresentative(s, pid, ctx.user.id);
    m.representatives.delete(uid);
  }
}

/**
 * core's ProjectService.update after the edit: `users` (with the admins and the caller added),
 * `admins` (with the caller) and `representatives`, when present in the body, become the
 * project's lists; a representative may be any existing user.
 */
function syncMembers(ctx, pid, body) {
  const s = ctx.store;
  const m = s.membersOf(pid);
  const given = (k) => (body[k] === undefined || body[k] === null ? null : longList(body[k]).filter((u) => s.get('user', u)));
  const users = given('users');
  const admins = given('admins');
  const reprs = given('representatives');
  const sync = (oldIds, newIds, add, remove) => {
    for (const u of newIds) if (!oldIds.has(u)) add(u);
    for (const u of oldIds) if (!newIds.has(u)) remove(u);
  };
  if (users) {
    const next = new Set([...users, ...(admins ?? m.managers), ctx.user.id]);
    sync(new Set(m.contributors), next, (u) => addMember(s, pid, u, false), (u) => removeMember(ctx, pid, u, false));
  }
  if (admins) {
    sync(new Set(m.managers), new Set([...admins, ctx.user.id]), (u) => addMember(s, pid, u, true), (u) => removeMember(ctx, pid, u, true));
  }
  if (reprs) sync(new Set(m.representatives), new Set(reprs), (u) => addRepresentative(s, pid, u), (u) => m.representatives.delete(u));
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
    ctx.perms.coreCheckUser();
    checkOntologyReadable(ctx, body.ontology);
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
    checkAdministers(ctx, old.id);
    changeOntology(ctx, tx, old, body);
    const p = projectFromBody(ctx, body, { id: old.id, created: old.created, updated: old.updated, creator: old.creator });
    checkUniqueName(ctx.store, p.name, p.id);
    const cmd = ctx.cmds.edit(tx, 'project', p);
    syncMembers(ctx, p.id, body);
    return commandReply(ctx, 'Edit', 'project', p, cmd);
  }));

  r.add('DELETE', '/api/project/:id.json', (ctx) => inTx(ctx, (tx) => {
    const id = ctx.pid();
    const p = ctx.store.get('project', id);
    if (!p) throw classNotFound('project', id);
    checkAdministers(ctx, id);
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

  // core's listByUser: that user's projects, `created` descending; filters, sort and the with*
  // extensions are not read. Core does not check the caller's rights on them (any user lists
  // anyone's projects); the emulator keeps only those the caller may read (README).
  r.add('GET', '/api/user/:id/project.json', (ctx) => {
    const uid = ctx.pid();
    const s = ctx.store;
    userOr404(s, uid);
    const rows = [...s.t.project.values()].filter((p) => s.membersOf(p.id).contributors.has(uid) && ctx.perms.canRead(p.id))
      .sort((a, b) => b.created - a.created || b.id - a.id);
    return listPath2(rows, pagingParams(ctx), (p) => ({ ...projectJson(ctx.view, p), isReadOnly: false, isRestricted: false }));
  });

  // --- members ---
  r.add('GET', '/api/project/:id/user.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    const s = ctx.store;
    const m = s.membersOf(p.id);
    const users = [...new Set([...m.contributors, ...m.managers])].map((id) => s.get('user', id)).filter(Boolean);
    const col = ctx.q('sortColumn') || 'created';
    const dir = ctx.q('sortDirection') || 'desc';
    const get = (u, f) => (f === 'role' ? userRoleName(s, p.id, u.id) : f === 'fullName' ? userJson(u, ctx.view).fullName : u[f]);
    sortRows(users, col, dir, get);
    return listPath2(users, pagingParams(ctx), (u) => ({ ...userJson(u, ctx.view), role: userRoleName(s, p.id, u.id) }));
  });

  const memberList = (pick) => (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    const s = ctx.store;
    const ids = [...pick(s, p)];
    const users = ids.map((id) => s.get('user', id)).filter(Boolean).sort((a, b) => a.id - b.id);
    return listPath1(users, pagingParams(ctx), (u) => userJson(u, ctx.view));
  };
  r.add('GET', '/api/project/:id/admin.json', memberList((s, p) => s.membersOf(p.id).managers));
  r.add('GET', '/api/project/:id/users/representative.json', memberList((s, p) => s.membersOf(p.id).representatives));
  r.add('GET', '/api/project/:id/creator.json', memberList((s, p) => (p.creator ? [p.creator] : [])));

  // --- membership (core's RestUserController and UserService) ---
  /** The path's user then project (404 shape A each), the project READ-checked as core's find does. */
  const userAndProject = (ctx) => {
    const u = userOr404(ctx.store, ctx.pid('user')).id;
    const p = projectOr404A(ctx, ctx.pid());
    if (!ctx.perms.canRead(p.id)) throw forbidden(`You don't have the right to read or modify this resource! class ${PCLS} ${p.id}`);
    return { u, pid: p.id };
  };
  /** addUserToProject: managers only. */
  const addChecked = (ctx, pid, u, admin) => {
    checkAdministers(ctx, pid);
    addMember(ctx.store, pid, u, admin);
  };
  /** deleteUserFromProject: managers, or the user themself. */
  const removeChecked = (ctx, pid, u, admin) => {
    if (u !== ctx.user.id) checkAdministers(ctx, pid);
    removeMember(ctx, pid, u, admin);
  };
  const ok = { data: { message: 'OK' } };
  const one = (change, admin) => (ctx) => {
    const { u, pid } = userAndProject(ctx);
    change(ctx, pid, u, admin);
    return ok;
  };
  r.add('POST', '/api/project/:id/user/:user/admin.json', one(addChecked, true));
  r.add('DELETE', '/api/project/:id/user/:user/admin.json', one(removeChecked, true));
  r.add('POST', '/api/project/:id/user/:user.json', one(addChecked, false));
  r.add('DELETE', '/api/project/:id/user/:user.json', one(removeChecked, false));
  /**
   * `users=1,2,..`: each user changed on its own; refusals and unknown ids give a 206 whose body
   * keeps `status: 200`, with core's message (the literal `${project.id}`, "add" for both verbs,
   * and malformed ids listed twice, as core's Java writes them).
   */
  const multi = (change) => (ctx) => {
    const p = projectOr404A(ctx, ctx.pid());
    if (!ctx.perms.canRead(p.id)) throw forbidden(`You don't have the right to read or modify this resource! class ${PCLS} ${p.id}`);
    const raw = String(ctx.q('users') ?? '').split(',');
    const malformed = raw.filter((x) => !/^[+-]?\d+$/.test(x));
    const users = [...new Set(raw.filter((x) => /^[+-]?\d+$/.test(x)).map(Number))].filter((u) => ctx.store.get('user', u));
    const wrong = [...malformed, ...raw.filter((x) => !users.some((u) => String(u) === x))];
    const errors = [];
    for (const u of users) {
      try {
        change(ctx, p.id, u, false);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(String(u));
      }
    }
    let message = '';
    if (errors.length) message += `Cannot add theses users to the project \${project.id} : ${errors.join(',')}. `;
    if (wrong.length) message += `${wrong.join(',')} are not well formatted ids`;
    if (message) return reply(206, { data: { message }, status: 200 });
    return { data: { message: 'OK' }, status: 200 };
  };
  r.add('POST', '/api/project/:id/user.json', multi(addChecked));
  r.add('DELETE', '/api/project/:id/user.json', multi(removeChecked));

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
