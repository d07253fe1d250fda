/** Users, current user and legacy key endpoints (contract §3.9, §1.3). */
import { randomUUID } from 'node:crypto';
import { forbidden, listPath1, listPath2, notFoundFilters, objectNotFound, pagingParams } from '../envelope.mjs';
import { filterPredicate, sortRows } from '../filters.mjs';
import { userJson } from '../serialize.mjs';
import { readableProject } from './projects.mjs';

const USER_FIELDS = new Set(['id', 'username', 'name', 'fullName', 'created']);

function membersOf(store, pid) {
  const m = store.membersOf(pid);
  return [...new Set([...m.contributors, ...m.managers])].map((id) => store.get('user', id)).filter(Boolean).sort((a, b) => a.id - b.id);
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  r.add('GET', '/api/user/current.json', (ctx) => userJson(ctx.user, ctx.view));
  r.add('GET', '/api/user/current/keys', (ctx) => ({ primaryKey: ctx.user.publicKey, secondaryKey: ctx.user.privateKey }));
  r.add('POST', '/api/user/current/keys', (ctx) => {
    const s = ctx.store;
    const u = ctx.user;
    s.idx.userByPub.delete(u.publicKey);
    u.publicKey = randomUUID();
    u.privateKey = randomUUID();
    s.idx.userByPub.set(u.publicKey, u.id);
    return { primaryKey: u.publicKey, secondaryKey: u.privateKey };
  });
  r.add('GET', '/api/user.json', (ctx) => {
    const rows = [...ctx.store.t.user.values()];
    const get = (u, f) => (f === 'fullName' ? userJson(u, ctx.view).fullName : u[f]);
    const kept = rows.filter(filterPredicate(ctx.filterParams(), get, USER_FIELDS));
    const sort = ctx.q('sort') || 'username';
    sortRows(kept, USER_FIELDS.has(sort) ? sort : 'username', ctx.q('order') || 'asc', get);
    // today each item also has `role`, the highest of ROLE_ADMIN / ROLE_USER / ROLE_GUEST (delta §3.4)
    const role = (u) => ['ROLE_ADMIN', 'ROLE_USER', 'ROLE_GUEST'].find((x) => u.roles.includes(x) || (x === 'ROLE_ADMIN' && u.roles.includes('ROLE_SUPER_ADMIN'))) ?? null;
    return listPath2(kept, pagingParams(ctx), (u) => (ctx.core === '2026' ? { ...userJson(u, ctx.view), role: role(u) } : userJson(u, ctx.view)));
  });
  r.add('GET', '/api/user/:id/keys.json', (ctx) => {
    const u = ctx.store.get('user', ctx.pid());
    if (!u) throw objectNotFound('User', ctx.pid());
    if (u.id !== ctx.user.id) throw forbidden('You must be the same user!');
    return { privateKey: u.privateKey, publicKey: u.publicKey };
  });
  r.add('GET', '/api/userkey/:pub/keys.json', (ctx) => {
    const u = ctx.store.userByPublicKey(ctx.params.pub);
    if (!u) throw objectNotFound('User', ctx.params.pub);
    if (u.id !== ctx.user.id) throw forbidden('You must be the same user!');
    return { privateKey: u.privateKey, publicKey: u.publicKey };
  });
  r.add('GET', '/api/user/:id.json', (ctx) => {
    const raw = ctx.params.id;
    const u = /^\d+$/.test(raw) ? ctx.store.get('user', Number(raw)) : ctx.store.userByUsername(raw);
    if (!u) throw notFoundFilters('User', /^\d+$/.test(raw) ? { id: raw } : { username: raw });
    return userJson(u, ctx.view);
  });
  r.add('GET', '/api/user/:id/friends.json', (ctx) => {
    const uid = ctx.pid();
    const s = ctx.store;
    if (!s.get('user', uid)) throw objectNotFound('User', uid);
    const pid = ctx.qLong('project');
    const ids = new Set();
    const projects = pid !== null ? [readableProject(ctx, pid)] : [...s.t.project.values()].filter((p) => s.membersOf(p.id).contributors.has(uid));
    for (const p of projects) for (const u of membersOf(s, p.id)) if (u.id !== uid) ids.add(u.id);
    const rows = [...ids].map((id) => s.get('user', id)).sort((a, b) => a.id - b.id);
    return listPath1(rows, pagingParams(ctx), (u) => userJson(u, ctx.view));
  });
  r.add('GET', '/api/project/:id/online/user.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    const since = Date.now() - 5 * 60_000;
    const rows = membersOf(ctx.store, p.id).filter((u) => (ctx.env.lastSeen.get(u.id) ?? 0) >= since);
    return listPath1(rows, pagingParams(ctx), (u) => userJson(u, ctx.view));
  });
  r.add('GET', '/api/project/:id/userlayer.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return listPath1(membersOf(ctx.store, p.id), pagingParams(ctx), (u) => userJson(u, ctx.view));
  });
  r.add('GET', '/api/project/:id/usersActivity.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return listPath1(membersOf(ctx.store, p.id), pagingParams(ctx), (u) => ({
      ...userJson(u, ctx.view), lastImage: null, lastConnection: ctx.env.lastSeen.get(u.id) ?? null, frequency: 0,
    }));
  });
  r.add('GET', '/api/project/:p/resumeActivity/:u.json', (ctx) => {
    const p = readableProject(ctx, ctx.pid('p'));
    const uid = ctx.pid('u');
    if (!ctx.store.get('user', uid)) throw objectNotFound('User', uid);
    let total = 0;
    for (const id of ctx.store.annotationIdsOfProject(p.id)) if (ctx.store.get('annotation', id).user === uid) total++;
    // Like core, from the recorded project connections (POST project/{p}/userconnection.json).
    const times = ctx.store.all('userconnection').filter((c) => c.project === p.id && c.user === uid).map((c) => Number(c.created));
    const first = times.length ? Math.min(...times) : null;
    const last = times.length ? Math.max(...times) : null;
    return { firstConnection: first, lastConnection: last, totalAnnotations: total, totalConnections: times.length };
  });
}
