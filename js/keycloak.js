// A token provider for scripts against today's Cytomine, whose users live in Keycloak (delta
// §1.4): the password grant of the public client `core` of realm `cytomine`, then the refresh
// grant before the access token expires. The function it returns is the connection's `token`.
import { CytomineError, invalidArgument } from './errors.js';

/**
 * Returns an async function resolving to a valid access token, usable as the `token` option:
 * `new Cytomine(host, { token: keycloakToken({ url: host, username, password }) })`.
 *
 * The first call logs in (`grant_type=password`); later calls return the same token until it is
 * within `refreshMarginSeconds` of expiring, then refresh it (`grant_type=refresh_token`), and log
 * in again when the refresh token has expired or is refused. Concurrent calls share one request.
 * Failures reject with a `CytomineError` (`kind: 'auth'` when Keycloak refuses, with its
 * `error_description` as `serverMessage`); the password never appears in a message.
 *
 * The token endpoint is `{iamUrl}protocol/openid-connect/token` when `iamUrl` (the realm's URL,
 * as the web UI's `IAM_URL` and `new Cytomine(coreUrl, iamUrl)`) is given, else
 * `{origin of url}{iamPath}/realms/{realm}/protocol/openid-connect/token`.
 *
 * @param {object} options
 * @param {string} [options.url] the Cytomine (or Keycloak) origin, e.g. `https://cytomine.example.org`
 * @param {string} [options.iamUrl] the realm's URL, e.g. `https://cytomine.example.org/iam/realms/cytomine/` (instead of `url`)
 * @param {string} options.username
 * @param {string} options.password
 * @param {string} [options.realm='cytomine']
 * @param {string} [options.clientId='core']
 * @param {string} [options.iamPath='/iam'] where Keycloak is served on that origin
 * @param {number} [options.refreshMarginSeconds=30]
 * @param {typeof fetch} [options.fetch] the fetch to use (default: the global one)
 * @returns {() => Promise<string>}
 */
export function keycloakToken(options = {}) {
  const { url, iamUrl, username, password, realm = 'cytomine', clientId = 'core', iamPath = '/iam', refreshMarginSeconds = 30, fetch: fetchFn } = options ?? {};
  const required = iamUrl === undefined ? { url, username, password, realm, clientId } : { iamUrl, username, password, clientId };
  for (const [name, value] of Object.entries(required)) {
    if (typeof value !== 'string' || value === '') throw invalidArgument(`keycloakToken: ${name} must be a non-empty string`);
  }
  if (!Number.isFinite(refreshMarginSeconds) || refreshMarginSeconds < 0) throw invalidArgument('keycloakToken: refreshMarginSeconds must be a non-negative number');
  const endpoint = iamUrl === undefined ? endpointOnOrigin(url, iamPath, realm) : endpointOfRealm(iamUrl);
  const doFetch = fetchFn ?? globalThis.fetch;
  let session = null; // { access, accessUntil, refresh, refreshUntil } (ms since epoch)
  let inFlight = null;

  async function grant(form) {
    let response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ client_id: clientId, ...form }).toString(),
      });
    } catch (e) {
      throw new CytomineError(`keycloakToken: could not reach ${endpoint} (${e?.message ?? e})`, { kind: 'network', method: 'POST', url: endpoint });
    }
    const text = await response.text().catch(() => '');
    let data = null;
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
    if (!response.ok) {
      const serverMessage = data?.error_description ?? data?.error ?? null;
      const kind = response.status === 400 || response.status === 401 ? 'auth' : 'http';
      throw new CytomineError(`keycloakToken: ${response.status} from the token endpoint${serverMessage ? `: ${serverMessage}` : ''}`, {
        kind, status: response.status, method: 'POST', url: endpoint, serverMessage, mayHaveReachedServer: true,
      });
    }
    if (typeof data?.access_token !== 'string' || !data.access_token) {
      throw new CytomineError('keycloakToken: the token endpoint answered without an access_token', { kind: 'decode', status: response.status, method: 'POST', url: endpoint });
    }
    const now = Date.now();
    const seconds = (v, fallback) => (Number.isFinite(v) && v > 0 ? v : fallback);
    session = {
      access: data.access_token,
      accessUntil: now + seconds(data.expires_in, 60) * 1000,
      refresh: typeof data.refresh_token === 'string' ? data.refresh_token : null,
      refreshUntil: now + seconds(data.refresh_expires_in, 0) * 1000,
    };
    return session.access;
  }

  async function renew() {
    const now = Date.now();
    if (session?.refresh && session.refreshUntil > now + 1000) {
      try {
        return await grant({ grant_type: 'refresh_token', refresh_token: session.refresh });
      } catch (e) {
        if (e.kind !== 'auth') throw e; // Refused (session ended): log in again below.
      }
    }
    return grant({ grant_type: 'password', username, password });
  }

  return function token() {
    if (session && session.accessUntil - refreshMarginSeconds * 1000 > Date.now()) return Promise.resolve(session.access);
    inFlight ??= renew().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

/** The token endpoint under Keycloak's `iamPath` on the origin of `url`. */
function endpointOnOrigin(url, iamPath, realm) {
  let origin;
  try {
    origin = new URL(/^https?:\/\//i.test(url) ? url : `http://${url}`).origin;
  } catch {
    throw invalidArgument('keycloakToken: url must be an http(s) URL');
  }
  const path = `${iamPath.replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
  return `${origin}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** The token endpoint of the realm at `iamUrl` (e.g. `https://x.org/iam/realms/cytomine/`). */
function endpointOfRealm(iamUrl) {
  let parsed;
  try {
    parsed = new URL(iamUrl);
  } catch {
    parsed = null;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw invalidArgument('keycloakToken: iamUrl must be an absolute http(s) URL without credentials, query or fragment');
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/*$/, '/')}protocol/openid-connect/token`;
}
