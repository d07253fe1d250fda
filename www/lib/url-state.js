// View state in the URL hash, so a reload or a shared link reopens the same view. The viewer's:
// `#/project/<p>/image/<i>?x=..&y=..&zoom=..&annotation=..&terms=1,2&noTerm=1&users=3&tags=..
// &noTag=1&notReviewed=1&reviewed=1&after=2026-01-01&before=2026-02-01&layers=..` (`layers`: the
// algorithm layers shown); the project page's: `#/project/<p>?terms=..&noTerm=1
// &images=..&users=..&tags=..&noTag=1&notReviewed=1&reviewed=1&sort=largest&group=term&size=large&annotation=..`. Keys and
// tokens never go here.

const ids = (q, k) => (q.get(k) ?? '').split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
const day = (q, k) => (/^\d{4}-\d{2}-\d{2}$/.test(q.get(k) ?? '') ? q.get(k) : null);
const positiveId = (q, k) => {
  const n = Number(q.get(k));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

const DAY_MS = 86_400_000;

/**
 * The search bounds of the date filters (days in UTC, both included): `{afterThan, beforeThan}`
 * in epoch milliseconds, only those that are set.
 */
export function dateBounds({ after = null, before = null } = {}) {
  const bounds = {};
  if (after) bounds.afterThan = Date.parse(`${after}T00:00:00Z`);
  if (before) bounds.beforeThan = Date.parse(`${before}T00:00:00Z`) + DAY_MS - 1;
  return bounds;
}

/** The filters of a query: `{terms, noTerm, images, users, tags, noTag, notReviewed, reviewed, after, before}`. */
function readFilters(q) {
  return {
    terms: new Set(ids(q, 'terms')), noTerm: q.get('noTerm') === '1', images: new Set(ids(q, 'images')), users: new Set(ids(q, 'users')),
    tags: new Set(ids(q, 'tags')), noTag: q.get('noTag') === '1', notReviewed: q.get('notReviewed') === '1', reviewed: q.get('reviewed') === '1', after: day(q, 'after'), before: day(q, 'before'),
  };
}

/** Writes the set filters into `q` (`images` only for the project page: `withImages`). */
function writeFilters(q, filters, { withImages = false } = {}) {
  if (filters.terms?.size) q.set('terms', [...filters.terms].join(','));
  if (filters.noTerm) q.set('noTerm', '1');
  if (withImages && filters.images?.size) q.set('images', [...filters.images].join(','));
  if (filters.tags?.size) q.set('tags', [...filters.tags].join(','));
  if (filters.noTag) q.set('noTag', '1');
  if (filters.notReviewed) q.set('notReviewed', '1');
  if (filters.reviewed) q.set('reviewed', '1');
  if (filters.users?.size) q.set('users', [...filters.users].join(','));
  if (filters.after) q.set('after', filters.after);
  if (filters.before) q.set('before', filters.before);
}

const withQuery = (path, q) => {
  const query = q.toString();
  return `${path}${query ? `?${query}` : ''}`;
};

/** Parses a project page hash; null when the hash is not one. */
export function parseProjectHash(hash) {
  const m = /^#\/project\/(\d+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[2] ?? '');
  return {
    projectId: Number(m[1]), filters: readFilters(q), sort: q.get('sort') || null, group: q.get('group') || null, size: q.get('size') || null,
    annotation: positiveId(q, 'annotation'),
  };
}

/** The hash of a project page state (`group` and `size`: the gallery's grouping and preview size). */
export function projectHash({ projectId, filters = null, sort = null, group = null, size = null, annotation = null }) {
  const q = new URLSearchParams();
  if (filters) writeFilters(q, filters, { withImages: true });
  if (sort && sort !== 'newest') q.set('sort', sort);
  if (group && group !== 'none') q.set('group', group);
  if (size && size !== 'medium') q.set('size', size);
  if (annotation) q.set('annotation', String(annotation));
  return withQuery(`#/project/${projectId}`, q);
}

/**
 * The demo's viewer hash for a link of Cytomine's own web UI (`#/project/<p>/image/<i>
 * [/slice/<s>]/annotation/<a>`, as core writes in `imageURL`), or null for any other hash. Behind
 * the emulator there is no Cytomine web UI: such links open the demo's viewer instead.
 */
export function fromCytomineUiHash(hash) {
  const m = /^#\/project\/(\d+)\/image\/(\d+)(?:\/slice\/\d+)?\/annotation\/(\d+)\/?$/.exec(hash);
  if (!m) return null;
  return viewerHash({ projectId: Number(m[1]), imageId: Number(m[2]), annotation: Number(m[3]) });
}

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
  return {
    projectId: Number(m[1]),
    imageId: Number(m[2]),
    position: num('x') !== null && num('y') !== null && num('zoom') !== null ? { x: num('x'), y: num('y'), zoom: num('zoom') } : null,
    annotation: positiveId(q, 'annotation'),
    filters: readFilters(q),
    layers: new Set(ids(q, 'layers')),
  };
}

/** The hash of a viewer state (position rounded to whole pixels and 1/100 zoom; `layers`: algorithm layer ids). */
export function viewerHash({ projectId, imageId, position = null, annotation = null, filters = null, layers = null }) {
  const q = new URLSearchParams();
  if (position) {
    q.set('x', String(Math.round(position.x)));
    q.set('y', String(Math.round(position.y)));
    q.set('zoom', String(Math.round(position.zoom * 100) / 100));
  }
  if (annotation) q.set('annotation', String(annotation));
  if (filters) writeFilters(q, filters);
  if (layers?.size) q.set('layers', [...layers].join(','));
  return withQuery(`#/project/${projectId}/image/${imageId}`, q);
}
