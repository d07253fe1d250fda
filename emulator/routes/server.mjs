/** Server info, admin session, signature helper and command undo/redo (contract §1.3, §1.5, §1.7, §3.19). */
import { forbidden, listPath1 } from '../envelope.mjs';
import { sign, signatureMessage } from '../auth.mjs';
import { undoRedoMaps } from './common.mjs';

export const VERSION = '5.2.0';
/** `version` of today's ping when the image is built without `CORE_VERSION` (application.yml default). */
export const VERSION_UNSET = '0.0.0';

function authInfo(ctx) {
  const roles = new Set(ctx.user.roles);
  const admin = roles.has('ROLE_ADMIN') || roles.has('ROLE_SUPER_ADMIN');
  const user = admin || roles.has('ROLE_USER');
  const guest = user || roles.has('ROLE_GUEST');
  return { admin, user, guest, adminByNow: ctx.perms.adminByNow, userByNow: user, guestByNow: guest };
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  // Today only `GET /server/ping` answers (delta §0, §3.1): `/server/ping.json`, `POST /server/ping`
  // and `/status.json` are 5.2 routes. Today's `version` is core's unset build default.
  const ping = (ctx) => ({ alive: true, version: ctx.core === '2026' ? VERSION_UNSET : VERSION, serverURL: ctx.view.serverURL, serverID: 'default' });
  r.add(['GET', 'POST'], '/server/ping.json', ping, { auth: 'none', core: '5.2' });
  r.add('GET', '/server/ping', ping, { auth: 'none' });
  r.add('POST', '/server/ping', ping, { auth: 'none', core: '5.2' });
  r.add('GET', '/status.json', (ctx) => ({ alive: true, version: VERSION, serverURL: ctx.view.serverURL }), { auth: 'none', core: '5.2' });

  r.add('GET', '/session/admin/info.json', (ctx) => authInfo(ctx));
  r.add('GET', '/session/admin/open.json', (ctx) => {
    if (!ctx.perms.isAdmin) throw forbidden('You are not an admin!');
    ctx.store.adminSessions.add(ctx.user.id);
    ctx.perms.adminByNow = true;
    return authInfo(ctx);
  });
  r.add('GET', '/session/admin/close.json', (ctx) => {
    ctx.store.adminSessions.delete(ctx.user.id);
    ctx.perms.adminByNow = ctx.user.roles.includes('ROLE_SUPER_ADMIN');
    return authInfo(ctx);
  });

  r.add('GET', '/api/signature.json', (ctx) => {
    const lower = ctx.q('content-type');
    const ct = lower ? lower : ctx.q('content-Type') ?? '';
    const qs = ctx.q('queryString') ?? '';
    // today `forwardURI`/`queryString` are ignored: the message ends at the date (delta §1.1)
    const msg = signatureMessage({
      method: ctx.q('method') || 'GET', contentMD5: ctx.q('content-MD5') ?? '', contentType: ct,
      date: ctx.q('date') ?? '', path: ctx.q('forwardURI') ?? '', query: qs, core: ctx.core,
    });
    return { signature: sign(ctx.user.privateKey, msg), publicKey: ctx.user.publicKey };
  });

  const act = (kind) => (ctx) => {
    const id = ctx.params.cmd;
    const res = kind === 'undo' ? ctx.cmds.undo(ctx.user, id) : ctx.cmds.redo(ctx.user, id);
    const list = res === null
      ? [{ success: true, message: kind === 'undo' ? 'Nothing to undo' : 'Nothing to redo', callback: null, printMessage: true }]
      : undoRedoMaps(ctx, res);
    return listPath1(list, { offset: 0, max: 0 });
  };
  // `/command/...` without `/api` is gone today (delta §3.1).
  for (const prefix of ['', '/api']) {
    const opts = prefix ? {} : { core: '5.2' };
    for (const kind of ['undo', 'redo']) {
      r.add('GET', `${prefix}/command/${kind}.json`, act(kind), opts);
      r.add('GET', `${prefix}/command/:cmd/${kind}.json`, act(kind), opts);
    }
  }
}
