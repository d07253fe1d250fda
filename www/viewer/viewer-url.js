// The viewer's state in the URL hash: `#/project/<p>/image/<i>?x=..&y=..&zoom=..&annotation=..
// &terms=1,2&noTerm=1&users=3&after=2026-01-01&before=2026-02-01`. Keys and tokens never go here.

/** Parses the path and query of a viewer hash; null when the hash is not a viewer's. */
export function parseViewerHash(hash) {
  const m = /^#\/project\/(\d+)\/image\/(\d+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[3] ?? '');
  const num = (k) => {
    const v = q.get(k);
    if (v === null || v === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const ids = (k) => (q.get(k) ?? '').split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const day = (k) => (/^\d{4}-\d{2}-\d{2}$/.test(q.get(k) ?? '') ? q.get(k) : null);
  return {
    projectId: Number(m[1]),
    imageId: Number(m[2]),
    position: num('x') !== null && num('y') !== null && num('zoom') !== null ? { x: num('x'), y: num('y'), zoom: num('zoom') } : null,
    annotation: num('annotation'),
    filters: { terms: new Set(ids('terms')), noTerm: q.get('noTerm') === '1', users: new Set(ids('users')), after: day('after'), before: day('before') },
  };
}

/** The hash of a viewer state (position rounded to whole pixels and 1/100 zoom). */
export function viewerHash({ projectId, imageId, position = null, annotation = null, filters = null }) {
  const q = new URLSearchParams();
  if (position) {
    q.set('x', String(Math.round(position.x)));
    q.set('y', String(Math.round(position.y)));
    q.set('zoom', String(Math.round(position.zoom * 100) / 100));
  }
  if (annotation) q.set('annotation', String(annotation));
  if (filters) {
    if (filters.terms?.size) q.set('terms', [...filters.terms].join(','));
    if (filters.noTerm) q.set('noTerm', '1');
    if (filters.users?.size) q.set('users', [...filters.users].join(','));
    if (filters.after) q.set('after', filters.after);
    if (filters.before) q.set('before', filters.before);
  }
  const query = q.toString();
  return `#/project/${projectId}/image/${imageId}${query ? `?${query}` : ''}`;
}
