/**
 * The annotation report of a project, with the filters core's download takes (`users`, `terms`,
 * `images`, `afterThan`, `beforeThan`, `reviewed`, `reviewUsers`), rows in the search's order (id
 * desc). Core 5.2 serves it at `GET /api/project/{p}/annotation/download?format=…&…`; today's core
 * only at `POST` with the JSON body `{format, users, reviewUsers, reviewed, terms, images,
 * beforeThan, afterThan}` (list fields are arrays of strings; a single value is accepted; delta
 * §3.1). Columns and cell formats are core's (ReportService / ReportFormatService): Id, Area
 * (microns²), Perimeter (mm), X, Y, Image Id, Image Filename, User, Term (names joined with "- "),
 * the crop URL and the viewer URL; numbers with two decimals. CSV is comma-separated, "xls" is
 * the same text separated by semicolons (as core writes it), both CRLF; PDF is a plain text table
 * (core's has a layout). File names: 5.2's `<yyyyMMdd>_annotations_project<id>.<format>`, today's
 * `<yyyy-MM-dd_HH-mm-ss>_<project name>_annotations.<format>`.
 *
 * Today's core also exports a project's annotations as GeoJSON (`GET /api/project/{p}/annotations/export`,
 * `application/geo+json`): a FeatureCollection whose features carry the annotation's geometry and,
 * when it has terms, `properties.path_class_name` = the name of its first term (the emulator lists
 * user annotations only and writes no `crs` member).
 */
import { ApiError, wrongArgument } from '../envelope.mjs';
import { annotationGis, annotationTermIds, cropURL, imageInstanceJson } from '../serialize.mjs';
import { parseWkt } from '../geometry.mjs';
import { reply } from '../router.mjs';
import { candidates, predicate, searchParams } from './annotations.mjs';
import { readableProject } from './projects.mjs';

const COLUMNS = ['Id', 'Area (microns²)', 'Perimeter (mm)', 'X', 'Y', 'Image Id', 'Image Filename', 'User', 'Term', 'View annotation picture', 'View annotation on image'];
const TYPES = { csv: 'text/csv;charset=UTF-8', xls: 'application/vnd.ms-excel', pdf: 'application/pdf' };

/** Java's DecimalFormat("0.00") (half-even rounding at the cent). */
function twoDecimals(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  const cents = n * 100;
  const floor = Math.floor(cents), rest = cents - floor;
  const rounded = Math.abs(rest - 0.5) < 1e-9 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(cents);
  return (rounded / 100).toFixed(2);
}

/** One row per annotation, as core formats it. */
function rows(ctx, ids) {
  const s = ctx.store;
  const su = ctx.view.serverURL;
  return ids.map((id) => {
    const a = s.get('annotation', id);
    const gis = annotationGis(s, a);
    const ii = s.get('imageinstance', a.image);
    const terms = s.termsOfAnnotation(a.id).map((at) => s.get('term', at.term)?.name ?? '').filter(Boolean);
    return [
      String(a.id), twoDecimals(gis.area), twoDecimals(gis.perimeter), twoDecimals(gis.centroid.x), twoDecimals(gis.centroid.y),
      String(a.image), ii ? imageInstanceJson(ctx.view, ii).instanceFilename ?? '' : '', s.get('user', a.user)?.username ?? '',
      [...new Set(terms)].join('- '), cropURL(su, a.id), `${su}/#/project/${a.project}/image/${a.image}/annotation/${a.id}`,
    ];
  });
}

/** Delimited text, CRLF lines; a cell with the delimiter, a quote or a line break is quoted. */
export function delimited(table, delimiter) {
  const cell = (v) => (/["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
  return table.map((row) => row.map((v) => cell(String(v))).join(delimiter)).join('\r\n') + '\r\n';
}

/** A landscape A4 PDF listing the table as text (Helvetica, WinAnsi), 45 rows per page. */
export function textPdf(title, table) {
  const esc = (t) => t.replace(/[\\()]/g, '\\$&').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
  const perPage = 45;
  const pages = [];
  for (let i = 1; i < table.length || pages.length === 0; i += perPage) pages.push(table.slice(i, i + perPage));
  const objects = []; // PDF objects, 1-based
  const add = (body) => objects.push(body) && objects.length;
  const catalog = add(''), pagesId = add(''), font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids = [];
  for (const [k, pageRows] of pages.entries()) {
    const lines = [k === 0 ? title : `${title} (page ${k + 1})`, table[0].join(' | '), ...pageRows.map((r) => r.join(' | '))];
    const text = lines.map((l, j) => `BT /F1 ${j === 0 ? 10 : 6} Tf 24 ${570 - j * 12} Td (${esc(l)}) Tj ET`).join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((id) => `${id} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const pad = (n) => String(n).padStart(2, '0');

/** The report's file name as each generation writes it (server's zone). */
function reportFileName(core, project, format) {
  const d = new Date();
  const day = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  if (core !== '2026') return `${day}_annotations_project${project.id}.${format}`;
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}_${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
  return `${stamp}_${project.name}_annotations.${format}`;
}

/**
 * The request as the report reads it: 5.2's query, or today's JSON body with its lists of strings
 * joined (the search's parameter parsing reads a POST's body).
 */
function reportRequest(ctx) {
  if (ctx.method !== 'POST') return ctx;
  const flat = Object.fromEntries(Object.entries(ctx.jsonObject()).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
  return Object.assign(Object.create(ctx), { jsonObject: () => flat, q: (name) => flat[name] });
}

function download(original) {
  const ctx = reportRequest(original);
  readableProject(ctx, ctx.pid());
  const format = ctx.q('format');
  if (format === undefined || format === '') throw wrongArgument("Required request parameter 'format' for method parameter type String is not present");
  if (!TYPES[format]) throw new ApiError('Server', "Failed to generate report, invalid format. Format should be one of these types: 'pdf', 'csv' or 'xls'.");
  // Only the filters core's download takes; the project comes from the path.
  const all = searchParams(ctx);
  const sp = {
    ...all, project: ctx.pid(), image: null, slice: null, slices: null, user: null, term: null, tag: null, tags: null, track: null, tracks: null,
    noTerm: false, multipleTerm: false, noTag: false, usersForTerm: null, bbox: null, bboxAnnotation: null, excludedAnnotation: null,
  };
  const pred = predicate(ctx, sp);
  const ids = candidates(ctx, sp).filter((id) => {
    const a = ctx.store.get('annotation', id);
    return a && pred(a);
  });
  const table = [COLUMNS, ...rows(ctx, ids)];
  const project = ctx.store.get('project', sp.project);
  const body = format === 'pdf'
    ? textPdf(`Annotations in ${project.name}`, table)
    : Buffer.from(delimited(table, format === 'csv' ? ',' : ';'), 'utf8');
  return reply(200, body, { contentType: TYPES[format], headers: { 'Content-Disposition': `attachment; filename=${reportFileName(ctx.core, project, format)}` } });
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
    contentType: 'application/geo+json', headers: { 'Content-Disposition': `attachment; filename=${reportFileName('2026', p, 'geojson')}` },
  });
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  r.add('GET', '/api/project/:id/annotation/download', download, { core: '5.2' });
  r.add('POST', '/api/project/:id/annotation/download', download, { core: '2026' });
  r.add('GET', '/api/project/:id/annotations/export', (ctx) => geoJsonExport(ctx, readableProject(ctx, ctx.pid())), { core: '2026' });
}
