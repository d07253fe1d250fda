/**
 * Storages and their access rights, uploaded files, abstract slices, companion files and sample
 * histograms (contract §3.17-§3.18; cytomine-client §3). Uploads themselves are not emulated:
 * uploaded files are plain records. Storage rights (READ, WRITE, ADMINISTRATION) are kept in
 * `store.storageAcl` (storage id -> Map(user id -> permission)), outside undo/redo.
 */
import { forbidden, listPath1, objectNotFound, pagingParams, wrongArgument } from '../envelope.mjs';
import { only, reply } from '../router.mjs';
import { userJson } from '../serialize.mjs';
import { longList } from './common.mjs';
import { crud, rowsBy } from './crud.mjs';
import { canReadAbstract } from './images.mjs';

const PERMISSIONS = ['READ', 'WRITE', 'ADMINISTRATION'];
const RANK = { READ: 1, WRITE: 2, ADMINISTRATION: 3 };

/** Access rights of a storage: Map(user id -> READ|WRITE|ADMINISTRATION), created on demand. */
export const aclOf = (store, sid) => {
  store.storageAcl ??= new Map();
  let m = store.storageAcl.get(sid);
  if (!m) store.storageAcl.set(sid, (m = new Map()));
  return m;
};
/** Whether the request's user has `level` (or more) on storage `sid` (admins always). */
export const hasAccess = (ctx, sid, level = 'READ') => ctx.perms.isAdmin || (RANK[aclOf(ctx.store, sid).get(ctx.user.id)] ?? 0) >= RANK[level];

const STATUS = {
  0: 'UPLOADED', 10: 'DETECTING_FORMAT', 11: 'ERROR_FORMAT', 20: 'EXTRACTING_DATA', 21: 'ERROR_EXTRACTION', 30: 'CONVERTING',
  31: 'ERROR_CONVERSION', 40: 'DEPLOYING', 41: 'ERROR_DEPLOYMENT', 50: 'UNPACKING', 51: 'ERROR_UNPACKING', 60: 'CHECKING_INTEGRITY',
  61: 'ERROR_INTEGRITY', 100: 'DEPLOYED', 102: 'EXTRACTED', 104: 'CONVERTED', 106: 'UNPACKED',
};

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // storage members, access list, creation for a user and user stats are gone today (delta §3.1)
  const r52 = only(r, '5.2');
  // (before the crud routes: `storage/:id.json` would take `access` for an id)
  r52.add('GET', '/api/storage/access.json', (ctx) => {
    const rows = ctx.store.all('storage').sort((a, b) => a.id - b.id)
      .map((s) => ({ s, permission: aclOf(ctx.store, s.id).get(ctx.user.id) ?? (ctx.perms.isAdmin ? 'ADMINISTRATION' : null) }))
      .filter((x) => x.permission);
    return listPath1(rows, pagingParams(ctx), ({ s, permission }) => ({ id: s.id, name: s.name, user: s.user, permission }));
  });
  // The creator administers the storage (core gives READ/WRITE/ADMINISTRATION).
  const grantCreator = (ctx, rec) => aclOf(ctx.store, rec.id).set(rec.user, 'ADMINISTRATION');
  const storage = crud(r, {
    afterAdd: grantCreator,
    table: 'storage',
    cls: 'image.server.Storage',
    msg: (a, o) => `Storage ${o.id} (${o.name}) ${a}`,
    fields: { name: 'str!', user: 'user' },
    build(ctx, rec, body, old) {
      if (!ctx.perms.isAdmin || rec.user === null) rec.user = old?.user ?? ctx.user.id;
    },
    read: (ctx, o) => hasAccess(ctx, o.id),
    write(ctx, o) {
      ctx.perms.checkNotGuest();
      if (o.id !== null && !hasAccess(ctx, o.id, 'ADMINISTRATION')) throw forbidden();
    },
    notFound: "B'",
    bulk: true,
    lists: {
      '/api/storage.json': (ctx) => ctx.store.all('storage').filter((s) => (ctx.qBool('all') && ctx.perms.adminByNow) || aclOf(ctx.store, s.id).has(ctx.user.id)),
    },
  });

  const storageOf = (ctx, level) => {
    const s = ctx.store.get('storage', ctx.pid());
    if (!s) throw objectNotFound('Storage', ctx.params.id);
    if (!hasAccess(ctx, s.id, level)) throw forbidden();
    return s;
  };
  const permissionParam = (ctx) => {
    const p = ctx.q('permission') || 'READ';
    if (!PERMISSIONS.includes(p)) throw wrongArgument(`permission must be one of ${PERMISSIONS.join(', ')}`);
    return p;
  };
  const userOr404 = (ctx, id) => {
    const u = ctx.store.get('user', id);
    if (!u) throw objectNotFound('User', id);
    return u;
  };
  const usersOf = (ctx, s) => [...aclOf(ctx.store, s.id).entries()].sort((a, b) => a[0] - b[0]).map(([uid, permission]) => ({ uid, permission }));
  r52.add('POST', '/api/storage/create/:user.json', (ctx) => {
    if (!ctx.perms.isAdmin) throw forbidden('You must be an administrator');
    const u = userOr404(ctx, ctx.pid('user'));
    const tx = ctx.cmds.begin(ctx.user);
    const rec = { id: null, created: Date.now(), updated: null, name: `${u.username} storage`, user: u.id };
    ctx.cmds.add(tx, 'storage', rec);
    ctx.cmds.commit(tx);
    grantCreator(ctx, rec);
    return storage.json(ctx.view, rec);
  });
  r52.add('GET', '/api/storage/:id/user.json', (ctx) => {
    const s = storageOf(ctx, 'READ');
    return listPath1(usersOf(ctx, s), pagingParams(ctx), ({ uid, permission }) => ({ ...userJson(ctx.store.get('user', uid), ctx.view), permission }));
  });
  const setAccess = (ctx, s, uids, permission) => {
    const acl = aclOf(ctx.store, s.id);
    for (const uid of uids) {
      userOr404(ctx, uid);
      if (permission) acl.set(uid, permission);
      else if (uid === s.user) throw wrongArgument('The owner of a storage cannot be removed from it');
      else acl.delete(uid);
    }
    return { storage: s.id, users: uids, permission: permission ?? null };
  };
  r52.add('POST', '/api/storage/:id/user/:user.json', (ctx) => setAccess(ctx, storageOf(ctx, 'ADMINISTRATION'), [ctx.pid('user')], permissionParam(ctx)));
  r52.add('PUT', '/api/storage/:id/user/:user.json', (ctx) => {
    const s = storageOf(ctx, 'ADMINISTRATION');
    if (!aclOf(ctx.store, s.id).has(ctx.pid('user'))) throw objectNotFound('StorageUser', ctx.pid('user'));
    return setAccess(ctx, s, [ctx.pid('user')], permissionParam(ctx));
  });
  r52.add('DELETE', '/api/storage/:id/user/:user.json', (ctx) => setAccess(ctx, storageOf(ctx, 'ADMINISTRATION'), [ctx.pid('user')], null));
  r52.add('POST', '/api/storage/:id/user.json', (ctx) => setAccess(ctx, storageOf(ctx, 'ADMINISTRATION'), longList(ctx.q('users')), permissionParam(ctx)));
  r52.add('DELETE', '/api/storage/:id/user.json', (ctx) => setAccess(ctx, storageOf(ctx, 'ADMINISTRATION'), longList(ctx.q('users')), null));
  r52.add('GET', '/api/storage/:id/usersstats.json', (ctx) => {
    const s = storageOf(ctx, 'READ');
    const files = ctx.store.all('uploadedfile').filter((f) => f.storage === s.id);
    return listPath1(usersOf(ctx, s), pagingParams(ctx), ({ uid, permission }) => {
      const u = ctx.store.get('user', uid);
      const mine = files.filter((f) => f.user === uid);
      return {
        id: uid, username: u.username, firstname: u.name, lastname: u.name, created: null, role: permission,
        numberOfFiles: mine.length, totalSize: mine.reduce((n, f) => n + (f.size ?? 0), 0),
      };
    });
  });


  const uploaded = crud(r, {
    table: 'uploadedfile',
    cls: 'image.UploadedFile',
    msg: (a, o) => `UploadedFile ${o.originalFilename} is ${a === 'added' ? 'created' : a}`,
    fields: {
      user: 'user!', storage: 'storage!', parent: 'uploadedfile', originalFilename: 'str', filename: 'str', ext: 'str',
      contentType: 'str', size: 'long', status: 'int', projects: 'longs', isArchive: 'bool',
    },
    build(ctx, rec) {
      if (!hasAccess(ctx, rec.storage, 'WRITE')) throw forbidden();
      rec.status ??= 0;
      if (STATUS[rec.status] === undefined) throw wrongArgument(`status ${rec.status} is not a valid status`);
    },
    extra: (v, o) => ({ path: o.filename, statusText: STATUS[o.status] ?? null, size: o.size ?? 0, projects: o.projects ?? [] }),
    read: (ctx, o) => o.user === ctx.user.id || hasAccess(ctx, o.storage),
    write: (ctx, o) => {
      ctx.perms.checkNotGuest();
      if (!hasAccess(ctx, o.storage, 'WRITE')) throw forbidden();
    },
    bulk: true,
    lists: {
      '/api/uploadedfile.json': [(ctx) => ctx.store.all('uploadedfile').filter((f) => !ctx.qBool('onlyRoots') || f.parent === null), 'path2'],
    },
  });
  // token parameter like the image downloads (delta §1.6): `Authorization` in 5.2, `authorization` today
  r.add('GET', '/api/uploadedfile/:id/download', (ctx) => {
    const f = ctx.store.get('uploadedfile', ctx.pid());
    if (!f) throw objectNotFound('UploadedFile', ctx.pid());
    uploaded.checkRead(ctx, f);
    return reply(200, Buffer.from(`emulated content of ${f.originalFilename}\n`), {
      contentType: 'application/octet-stream', headers: { 'Content-Disposition': `attachment; filename="${f.originalFilename}"` },
    });
  }, { auth: 'queryToken' });

  // Abstract slices, companion files and sample histograms belong to an abstract image.
  const abstractReadable = (ctx, aid) => {
    const ai = ctx.store.get('abstractimage', aid);
    return Boolean(ai) && canReadAbstract(ctx, ai);
  };
  const abstractWrite = (ctx, aid) => {
    ctx.perms.checkNotGuest();
    const ai = ctx.store.get('abstractimage', aid);
    if (!ctx.perms.isAdmin && ai?.user !== ctx.user.id) throw forbidden();
  };
  const checkAbstract = (ctx, id) => {
    if (!ctx.store.get('abstractimage', id)) throw objectNotFound('AbstractImage', id);
  };
  const checkUploaded = (ctx, id) => {
    if (!ctx.store.get('uploadedfile', id)) throw objectNotFound('UploadedFile', id);
  };
  const slice = crud(r, {
    table: 'abstractslice',
    cls: 'image.AbstractSlice',
    msg: (a, o) => `Slice ${o.id} ${a}`,
    fields: { image: 'abstractimage!', uploadedFile: 'uploadedfile', mime: 'str', channel: 'int', zStack: 'int', time: 'int', path: 'str' },
    removedToday: ['mime'],
    build(ctx, rec) {
      rec.channel ??= 0;
      rec.zStack ??= 0;
      rec.time ??= 0;
    },
    unique: (s, rec) => (s.all('abstractslice').some((x) => x.id !== rec.id && x.image === rec.image && x.channel === rec.channel && x.zStack === rec.zStack && x.time === rec.time)
      ? `AbstractSlice (${rec.channel}, ${rec.zStack}, ${rec.time}) already exist for image ${rec.image}` : null),
    read: (ctx, o) => abstractReadable(ctx, o.image),
    write: (ctx, o) => abstractWrite(ctx, o.image),
    bulk: true,
    lists: {
      '/api/abstractimage/:id/abstractslice.json': rowsBy('abstractslice', 'image', checkAbstract),
      '/api/uploadedfile/:id/abstractslice.json': rowsBy('abstractslice', 'uploadedFile', checkUploaded),
    },
  });
  r.add('GET', '/api/abstractslice/:id/user.json', (ctx) => {
    const sl = ctx.store.get('abstractslice', ctx.pid());
    if (!sl) throw objectNotFound('AbstractSlice', ctx.pid());
    slice.checkRead(ctx, sl);
    const ai = ctx.store.get('abstractimage', sl.image);
    const u = ctx.store.get('user', ai?.user);
    if (!u) throw objectNotFound('User', ai?.user ?? null);
    return userJson(u, ctx.view);
  });

  crud(r, {
    table: 'companionfile',
    cls: 'image.CompanionFile',
    msg: (a, o) => `Companion file ${o.id} (${o.originalFilename}) ${a}`,
    fields: { image: 'abstractimage!', uploadedFile: 'uploadedfile', originalFilename: 'str', filename: 'str', type: 'str' },
    extra: (v, o) => ({ path: o.filename }),
    read: (ctx, o) => abstractReadable(ctx, o.image),
    write: (ctx, o) => abstractWrite(ctx, o.image),
    lists: {
      '/api/abstractimage/:id/companionfile.json': rowsBy('companionfile', 'image', checkAbstract),
      '/api/uploadedfile/:id/companionfile.json': rowsBy('companionfile', 'uploadedFile', checkUploaded),
    },
  });

  const imageOfSlice = (s, o) => s.get('abstractslice', o.slice)?.image;
  crud(r, {
    table: 'samplehistogram',
    cls: 'image.SampleHistogram',
    msg: (a, o) => `Sample histogram ${o.id} ${a}`,
    fields: { slice: 'abstractslice!', sample: 'int!', min: 'int', max: 'int', histogram: 'json' },
    read: (ctx, o) => abstractReadable(ctx, imageOfSlice(ctx.store, o)),
    write: (ctx, o) => abstractWrite(ctx, imageOfSlice(ctx.store, o)),
    lists: {
      '/api/abstractslice/:id/samplehistogram.json': rowsBy('samplehistogram', 'slice', (ctx, id) => {
        if (!ctx.store.get('abstractslice', id)) throw objectNotFound('AbstractSlice', id);
      }),
      '/api/sliceinstance/:id/samplehistogram.json': (ctx) => {
        const si = ctx.store.get('sliceinstance', ctx.pid());
        if (!si) throw objectNotFound('SliceInstance', ctx.pid());
        const base = ctx.store.get('imageinstance', si.image)?.baseImage;
        return ctx.store.all('samplehistogram').filter((h) => imageOfSlice(ctx.store, h) === base);
      },
    },
  });
}
