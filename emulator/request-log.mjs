/**
 * What the emulator's request log keeps of a query: token parameters redacted. Names are
 * compared decoded and case-insensitively, as servers read them (`Author%69zation=`,
 * `%41uthorization=`, `authorization=` and today's core's `auth=` all carry a token).
 */
const TOKEN_NAMES = new Set(['authorization', 'auth', 'access_token']);

/** Decodes a query name as `URLSearchParams` does (`+` is a space); a malformed one stays raw. */
function decodeName(name) {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * The raw query with the value of every token parameter replaced by `[redacted]`.
 * @param {string} rawQuery the query as received, without `?`
 * @returns {string}
 */
export function redactQuery(rawQuery) {
  if (rawQuery === '') return rawQuery;
  return rawQuery.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return TOKEN_NAMES.has(decodeName(name).trim().toLowerCase()) ? `${name}=[redacted]` : pair;
  }).join('&');
}
