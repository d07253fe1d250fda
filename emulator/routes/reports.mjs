/**
 * The annotation report of a project (delta §3.1): core 5.2 serves it at
 * `GET /api/project/{p}/annotation/download?format=…&users=…&terms=…&images=…&reviewed=…&beforeThan=…&afterThan=…`;
 * today's core only at `POST /api/project/{p}/annotation/download` with the JSON body
 * `{format, users, reviewUsers, reviewed, terms, images, beforeThan, afterThan}` (list fields are
 * arrays of strings; a single value is accepted). The emulator writes the report as CSV only (its
 * own columns: id, image, user, terms, area, perimeter, centroid); another format is a 400.
 */
import { wrongArgument } from '../envelope.mjs';
import { reply } from '../router.mjs';
import { annotationGis, annotationTermIds } from '../serialize.mjs';
import { readableProject } from './projects.mjs';

/** Ids from a list of strings, one value, or a comma-separated string. */
const ids = (v) => {
  if (v === undefined || v === null || v === '') return null;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => Number(x.trim())).filter(Number.isInteger);
  return parts.length ? new Set(parts) : null;
};
const csvCell = (x) => (/[";\n]/.test(String(x)) ? `"${String(x).replace(/"/g, '""')}"` : String(x));

/** The CSV report of project `p` filtered by `{format, users, terms, images, beforeThan, afterThan}`. */
function report(ctx, p, q) {
  const format = String(q.format ?? 'csv').toLowerCase();
  if (format !== 'csv') throw wrongArgument(`The emulator only writes csv reports, not ${format}`);
  const s = ctx.store;
  const users = ids(q.users);
  const terms = ids(q.terms);
  const images = ids(q.images);
  const after = q.afterThan ? Number(q.afterThan) : null;
  const before = q.beforeThan ? Number(q.beforeThan) : null;
  const lines = ['ID;Image;User;Terms;Area;Perimeter;X;Y'];
  for (const id of [...s.annotationIdsOfProject(p.id)].reverse()) {
    const a = s.get('annotation', id);
    const termIds = annotationTermIds(s, a.id);
    if ((users && !users.has(a.user)) || (images && !images.has(a.image)) || (terms && !termIds.some((t) => terms.has(t)))) continue;
    if ((after !== null && a.created < after) || (before !== null && a.created > before)) continue;
    const gis = annotationGis(s, a);
    const names = termIds.map((t) => s.get('term', t)?.name ?? t).join(',');
    lines.push([a.id, a.image, s.get('user', a.user)?.username ?? a.user, names, gis.area, gis.perimeter, gis.centroid.x, gis.centroid.y].map(csvCell).join(';'));
  }
  return reply(200, Buffer.from(`${lines.join('\n')}\n`), {
    contentType: 'text/csv', headers: { 'Content-Disposition': `attachment; filename="${p.name}_annotations.csv"` },
  });
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  r.add('GET', '/api/project/:id/annotation/download', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return report(ctx, p, Object.fromEntries(ctx.query));
  }, { core: '5.2' });
  r.add('POST', '/api/project/:id/annotation/download', (ctx) => {
    const p = readableProject(ctx, ctx.pid());
    return report(ctx, p, ctx.jsonObject());
  }, { core: '2026' });
}
