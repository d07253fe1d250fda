/**
 * The Keycloak account endpoints cytomine-client's MyAccount uses (`{host}/iam/realms/cytomine/account`).
 * Simplification: any emulator authentication is accepted (Keycloak takes bearer tokens only).
 */
import { wrongArgument } from '../envelope.mjs';
import { reply } from '../router.mjs';

const BASE = '/iam/realms/cytomine/account';

/** The Keycloak view of a user (kept on the user record as `account`). */
function accountOf(u) {
  u.account ??= {
    id: `00000000-0000-4000-8000-${String(u.id).padStart(12, '0')}`,
    firstName: u.name, lastName: u.username, email: `${u.username}@cytomine.example`, attributes: { locale: ['en'], isDeveloper: ['0'] },
  };
  return { id: u.account.id, username: u.username, firstName: u.account.firstName, lastName: u.account.lastName, email: u.account.email, emailVerified: true, attributes: u.account.attributes };
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  r.add('GET', BASE, (ctx) => accountOf(ctx.user));
  r.add('POST', BASE, (ctx) => {
    const body = ctx.jsonObject();
    accountOf(ctx.user);
    const a = ctx.user.account;
    if (body.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(String(body.email))) throw wrongArgument('invalidEmailMessage');
    if (body.username !== undefined && body.username !== ctx.user.username) throw wrongArgument('readOnlyUsernameMessage');
    for (const k of ['firstName', 'lastName', 'email']) if (body[k] !== undefined) a[k] = String(body[k]);
    if (body.attributes && typeof body.attributes === 'object') a.attributes = { ...a.attributes, ...body.attributes };
    return reply(204, null);
  });
  r.add('GET', `${BASE}/credentials`, (ctx) => [{
    type: 'password', category: 'basic-authentication', displayName: 'passwordDisplayName', helptext: 'passwordHelpText',
    createAction: 'UPDATE_PASSWORD', updateAction: 'UPDATE_PASSWORD', removeable: false,
    userCredentialMetadatas: [{ credential: { id: accountOf(ctx.user).id, type: 'password', userLabel: 'My password', createdDate: 1704067200000 } }],
  }]);
}
