/**
 * Emulator-only endpoints (they do not exist in Cytomine), under `/emulator/`:
 * - `POST /emulator/token` body `{username, expiresInMs}` -> `{token}`: a bearer token;
 * - `POST /emulator/login` body `{username}` -> sets a `JSESSIONID` cookie (HttpOnly, Path=/);
 * - `POST /emulator/logout` -> clears it.
 * They need no authentication: never expose an emulator beyond localhost.
 */
import { objectNotFound, wrongArgument } from '../envelope.mjs';
import { userJson } from '../serialize.mjs';
import { reply } from '../router.mjs';

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  const userOf = (ctx) => {
    const b = ctx.jsonObject();
    if (!b.username) throw wrongArgument('username must be set! value=null');
    const u = ctx.store.userByUsername(b.username);
    if (!u) throw objectNotFound('User', b.username);
    return { u, b };
  };
  r.add('POST', '/emulator/token', (ctx) => {
    const { u, b } = userOf(ctx);
    const exp = b.expiresInMs === undefined ? undefined : Number(b.expiresInMs);
    if (exp !== undefined && !Number.isFinite(exp)) throw wrongArgument('expiresInMs must be a number');
    return { token: ctx.env.auth.issueToken(u.username, exp === undefined ? {} : { expiresInMs: exp }) };
  }, { auth: 'none' });
  r.add('POST', '/emulator/login', (ctx) => {
    const { u } = userOf(ctx);
    const sid = ctx.env.auth.login(u);
    return reply(200, userJson(u, ctx.view), { headers: { 'Set-Cookie': `JSESSIONID=${sid}; Path=/; HttpOnly; SameSite=Lax` } });
  }, { auth: 'none' });
  r.add('POST', '/emulator/logout', (ctx) => {
    const m = /(?:^|;\s*)JSESSIONID=([^;]+)/.exec(ctx.req.headers.cookie ?? '');
    if (m) ctx.env.auth.sessions.delete(m[1]);
    return reply(200, { success: true }, { headers: { 'Set-Cookie': 'JSESSIONID=; Path=/; HttpOnly; Max-Age=0' } });
  }, { auth: 'none' });
}
