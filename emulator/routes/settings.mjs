/**
 * User roles, configuration entries, image filters (and their use in projects), tasks, project
 * default layers and representatives (cytomine-client §3 notes E, K, N). User roles and
 * representatives mirror state the rest of the emulator reads (`user.roles`, the project's
 * `representatives` set); those mirrors are not restored by undo/redo.
 */
import { forbidden, wrongArgument } from '../envelope.mjs';
import { commandReply, inTx, toLong } from './common.mjs';
import { crud, rowsBy } from './crud.mjs';
import { roles } from './activity.mjs';
import { readableProject } from './projects.mjs';

const ROLE_RANK = ['ROLE_GUEST', 'ROLE_USER', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN'];

/** The user-role records of a user, brought in step with `user.roles` first. */
export const syncRoles = (store, uid) => {
  const u = store.get('user', uid);
  if (!u) return [];
  const byAuthority = new Map(roles(store).map((x) => [x.authority, x]));
  const rows = store.all('secusersecrole').filter((x) => x.user === uid);
  for (const x of rows) if (!u.roles.includes(x.authority)) store.remove('secusersecrole', x.id);
  for (const authority of u.roles) {
    if (!rows.some((x) => x.authority === authority) && byAuthority.has(authority)) {
      store.insert('secusersecrole', { id: store.newId(), created: Date.now(), updated: null, user: uid, role: byAuthority.get(authority).id, authority });
    }
  }
  return store.all('secusersecrole').filter((x) => x.user === uid);
};

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // Project settings are written by the project's managers.
  const managerOf = (ctx, o) => {
    ctx.perms.checkNotGuest();
    if (o.project !== null) ctx.perms.checkManager(o.project);
  };

  // --- user roles: records kept in step with `user.roles` ---
  crud(r, {
    table: 'secusersecrole',
    cls: 'security.SecUserSecRole',
    msg: (a, o, s) => `Role ${o.authority} ${a === 'added' ? 'added to' : a === 'deleted' ? 'removed from' : `${a} for`} user ${s.get('user', o.user)?.username ?? o.user}`,
    fields: { user: 'user!', role: 'long!', authority: '=' },
    build(ctx, rec) {
      const role = roles(ctx.store).find((x) => x.id === rec.role);
      if (!role) throw wrongArgument(`role was not found with id: ${rec.role}`);
      rec.authority = role.authority;
      syncRoles(ctx.store, rec.user);
    },
    unique: (s, rec) => (s.all('secusersecrole').some((x) => x.user === rec.user && x.role === rec.role) ? `User ${rec.user} already has role ${rec.authority}` : null),
    read: (ctx, o) => o.user === ctx.user.id,
    write: 'admin',
    afterAdd(ctx, rec) {
      const u = ctx.store.get('user', rec.user);
      u.roles = ROLE_RANK.filter((a) => a === rec.authority || u.roles.includes(a));
    },
    afterDelete(ctx, o) {
      const u = ctx.store.get('user', o.user);
      u.roles = u.roles.filter((a) => a !== o.authority);
    },
    get: '/api/user/:a/role/:b.json',
    add: '/api/user/:a/role.json',
    del: '/api/user/:a/role/:b.json',
    edit: false,
    locate: (ctx) => syncRoles(ctx.store, ctx.pid('a')).find((x) => x.role === ctx.pid('b')),
    lists: { '/api/user/:id/role.json': (ctx) => syncRoles(ctx.store, ctx.pid()) },
  });

  // --- configuration: keyed by `key`; PUT creates or updates (cytomine-client always PUTs) ---
  const readableConfig = (ctx, o) => o.readingRole === 'ALL' || (o.readingRole === 'USER' && !ctx.perms.isGuest);
  crud(r, {
    table: 'configuration',
    cls: 'meta.Configuration',
    msg: (a, o) => `Configuration ${o.key} ${a}`,
    fields: { key: 'str!', value: 'str', readingRole: 'str' },
    build(ctx, rec) {
      rec.readingRole ??= 'ADMIN';
      if (!['ALL', 'USER', 'ADMIN'].includes(rec.readingRole)) throw wrongArgument(`readingRole must be ALL, USER or ADMIN: ${rec.readingRole}`);
    },
    unique: (s, rec) => (s.all('configuration').some((x) => x.id !== rec.id && x.key === rec.key) ? `Configuration ${rec.key} already exist!` : null),
    read: readableConfig,
    write: 'admin',
    get: '/api/configuration/key/:key.json',
    del: '/api/configuration/key/:key.json',
    edit: false,
    locate: (ctx) => ctx.store.all('configuration').find((x) => x.key === ctx.params.key),
    lists: { '/api/configuration.json': (ctx) => ctx.store.all('configuration') },
  });
  r.add('PUT', '/api/configuration/key/:key.json', (ctx) => inTx(ctx, (tx) => {
    const body = { ...ctx.jsonObject(), key: ctx.params.key };
    if (!ctx.perms.isAdmin) throw forbidden('You must be an administrator');
    const old = ctx.store.all('configuration').find((x) => x.key === ctx.params.key);
    const readingRole = body.readingRole ?? old?.readingRole ?? 'ADMIN';
    if (!['ALL', 'USER', 'ADMIN'].includes(readingRole)) throw wrongArgument(`readingRole must be ALL, USER or ADMIN: ${readingRole}`);
    const rec = { ...(old ?? { id: null, created: Date.now(), updated: null }), key: body.key, value: body.value === undefined || body.value === null ? null : String(body.value), readingRole };
    const cmd = old ? ctx.cmds.edit(tx, 'configuration', rec) : ctx.cmds.add(tx, 'configuration', rec);
    return commandReply(ctx, old ? 'Edit' : 'Add', 'configuration', rec, cmd);
  }));

  // --- image filters and their use in projects ---
  crud(r, {
    table: 'imagefilter',
    cls: 'processing.ImageFilter',
    msg: (a, o) => `Image filter ${o.id} (${o.name}) ${a}`,
    fields: { name: 'str!', baseUrl: 'str!', processingServer: 'long' },
    unique: (s, rec) => (s.all('imagefilter').some((x) => x.id !== rec.id && x.name === rec.name) ? `ImageFilter ${rec.name} already exist!` : null),
    write: 'admin',
    edit: false,
    lists: { '/api/imagefilter.json': (ctx) => ctx.store.all('imagefilter') },
  });
  crud(r, {
    table: 'imagefilterproject',
    cls: 'processing.ImageFilterProject',
    msg: (a, o) => `Image filter ${o.imageFilter} ${a === 'added' ? 'added to' : a === 'deleted' ? 'removed from' : `${a} in`} project ${o.project}`,
    fields: { imageFilter: 'imagefilter!', project: 'project!' },
    extra: (v, o) => {
      const f = v.store.get('imagefilter', o.imageFilter);
      return { name: f?.name ?? null, baseUrl: f?.baseUrl ?? null, processingServer: f?.processingServer ?? null };
    },
    unique: (s, rec) => (s.all('imagefilterproject').some((x) => x.imageFilter === rec.imageFilter && x.project === rec.project) ? `ImageFilter ${rec.imageFilter} already in project ${rec.project}` : null),
    project: (s, o) => o.project,
    write: managerOf,
    get: false,
    edit: false,
    lists: {
      '/api/imagefilterproject.json': (ctx) => ctx.store.all('imagefilterproject'),
      '/api/project/:id/imagefilterproject.json': rowsBy('imagefilterproject', 'project', (ctx, id) => readableProject(ctx, id)),
    },
  });

  // --- tasks (progress of long operations) ---
  crud(r, {
    table: 'task',
    cls: 'processing.Task',
    msg: (a, o) => `Task ${o.id} ${a}`,
    fields: { project: 'project', printInActivity: 'bool', progress: '=', user: '=', comments: '=' },
    build(ctx, rec) {
      rec.progress = 0;
      rec.user = ctx.user.id;
      rec.comments = [];
    },
    project: (s, o) => o.project,
    read: (ctx, o) => o.user === ctx.user.id || (o.project !== null && ctx.perms.canRead(o.project)),
    edit: false,
    del: false,
  });

  // --- project default layers and representatives ---
  const member = (ctx, rec) => {
    const m = ctx.store.membersOf(rec.project);
    if (!m.contributors.has(rec.user) && !m.managers.has(rec.user)) throw wrongArgument(`User ${rec.user} is not in project ${rec.project}`);
  };
  const inProject = (table) => (ctx) => ctx.store.all(table).find((x) => x.id === ctx.pid() && x.project === ctx.pid('p'));
  crud(r, {
    table: 'projectdefaultlayer',
    cls: 'project.ProjectDefaultLayer',
    msg: (a, o) => `Default layer of user ${o.user} ${a} in project ${o.project}`,
    fields: { project: 'project!', user: 'user!', hideByDefault: 'bool' },
    build: member,
    unique: (s, rec) => (s.all('projectdefaultlayer').some((x) => x.id !== rec.id && x.project === rec.project && x.user === rec.user) ? `Default layer of user ${rec.user} already exist in project ${rec.project}` : null),
    project: (s, o) => o.project,
    write: managerOf,
    get: '/api/project/:p/defaultlayer/:id.json',
    add: '/api/project/:p/defaultlayer.json',
    edit: '/api/project/:p/defaultlayer/:id.json',
    del: '/api/project/:p/defaultlayer/:id.json',
    locate: inProject('projectdefaultlayer'),
    lists: { '/api/project/:id/defaultlayer.json': rowsBy('projectdefaultlayer', 'project', (ctx, id) => readableProject(ctx, id)) },
  });

  const syncRepresentatives = (store, pid) => {
    const set = store.membersOf(pid).representatives;
    const rows = store.all('projectrepresentativeuser').filter((x) => x.project === pid);
    for (const x of rows) if (!set.has(x.user)) store.remove('projectrepresentativeuser', x.id);
    for (const uid of set) {
      if (!rows.some((x) => x.user === uid)) store.insert('projectrepresentativeuser', { id: store.newId(), created: Date.now(), updated: null, project: pid, user: uid });
    }
    return store.all('projectrepresentativeuser').filter((x) => x.project === pid);
  };
  crud(r, {
    table: 'projectrepresentativeuser',
    cls: 'project.ProjectRepresentativeUser',
    msg: (a, o) => `Representative ${o.user} ${a === 'added' ? 'added to' : a === 'deleted' ? 'removed from' : `${a} in`} project ${o.project}`,
    fields: { project: 'project!', user: 'user!' },
    build(ctx, rec) {
      member(ctx, rec);
      syncRepresentatives(ctx.store, rec.project);
    },
    unique: (s, rec) => (s.all('projectrepresentativeuser').some((x) => x.project === rec.project && x.user === rec.user) ? `User ${rec.user} is already a representative of project ${rec.project}` : null),
    project: (s, o) => o.project,
    write: managerOf,
    afterAdd: (ctx, rec) => ctx.store.membersOf(rec.project).representatives.add(rec.user),
    afterDelete: (ctx, o) => ctx.store.membersOf(o.project).representatives.delete(o.user),
    get: '/api/project/:p/representative/:id.json',
    add: '/api/project/:p/representative.json',
    del: ['/api/project/:p/representative/:id.json', '/api/project/:p/representative.json'],
    edit: false,
    locate(ctx) {
      const pid = ctx.pid('p');
      const rows = syncRepresentatives(ctx.store, pid);
      const uid = toLong(ctx.q('user'));
      if (ctx.params.id === undefined) {
        if (uid === null || Number.isNaN(uid)) throw wrongArgument('user must be set');
        return rows.find((x) => x.user === uid);
      }
      return rows.find((x) => x.id === ctx.pid());
    },
    lists: { '/api/project/:id/representative.json': (ctx) => syncRepresentatives(ctx.store, readableProject(ctx, ctx.pid()).id) },
  });
}
