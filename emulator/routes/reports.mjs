/**
 * The annotation report of a project (delta §3.1): core 5.2 serves it at
 * `GET /api/project/{p}/annotation/download?format=…&users=…&terms=…&images=…&reviewed=…&beforeThan=…&afterThan=…`;
 * today's core only at `POST /api/project/{p}/annotation/download` with the JSON body
 * `{format, users, reviewUsers, reviewed, terms, images, beforeThan, afterThan}` (list fields are
 * arrays of strings; a single value is accepted). The emulator writes the report as CSV only (its
 * own columns: id, image, user, terms, area, perimeter, centroid); another format is a 400. The file
 * name is core's `<yyyy-MM-dd_HH-mm-ss>_<project name>_annotations.<format>`.
 *
 * Today's core also exports a project's annotations as GeoJSON (`GET /api/project/{p}/annotations/export`,
 * `application/geo+json`): a FeatureCollection whose features carry the annotation's geometry and,
 * when it has terms, `properties.path_class_name` = the name of its first term (the emulator lists
 * user annotations only and writes no `crs` member).
 */
import { wrongArgument } from '../envelope.mjs';
import { reply } from '../router.mjs';
import { annotationGis, annotationTermIds } from '../serialize.mjs';
import { parseWkt } from '../geometry.mjs';
import { readableProject } from './projects.mjs';

/** Ids from a list of strings, one value, or a comma-separated string. */
const ids = (v) => {
  if (v === undefined || v === null || v === '') return null;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => Number(x.trim())).filter(Number.isInteger);
  return parts.length ? new Set(parts) : null;
};
const pad = (n) => String(n).padStart(2, '0');
/** Core's report file name (`DateUtils.DATE_TIME_FORMAT`, server's zone). */
function reportFileName(project, format) {
  const d = new Date();
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}_${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
  return `${stamp}_${project.name}_annotations.${format}`;
}
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
    contentType: 'text/csv', headers: { 'Content-Disposition': `attachment; filename=${reportFileName(p, 'csv')}` },
  });
}

/** Today's GeoJSON export of a project's annotations. */
function geoJsonExport(ctx, p) {
  const s = ctx.store;
  const features = [];
  for (const id of [...s.annotationIdsOfProject(p.id)].reverse()) {
    const a = s.get('annotation', id);
    let geometry;
    try {
      geometry = parseWkt(a.location);
    } catch {
      continue; // core skips a WKT it cannot read
    }
    const first = annotationTermIds(s, a.id)[0];
    const name = first === undefined ? undefined : s.get('term', first)?.name;
    features.push({ type: 'Feature', geometry, properties: name === undefined ? {} : { path_class_name: name } });
  }
  return reply(200, { type: 'FeatureCollection', features }, {
    contentType: 'application/geo+json', headers: { 'Content-Disposition': `attachment; filename=${reportFileName(p, 'geojson')}` },
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
  r.add('GET', '/api/project/:id/annotations/export', (ctx) => geoJsonExport(ctx, readableProject(ctx, ctx.pid())), { core: '2026' });
}
