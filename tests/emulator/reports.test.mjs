// The annotation report (`project/{id}/annotation/download`): core's columns and cell formats,
// the download's filters, CSV / "xls" (semicolons) / PDF, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../emulator/server.mjs';
import { delimited, textPdf } from '../../emulator/routes/reports.mjs';
import { api, projectByName } from './helpers.mjs';

let emu;
let panc;
before(async () => {
  emu = await start({ dataset: 'demo' });
  panc = projectByName(emu, 'PANC-Biopsies');
});
after(async () => { await emu.close(); });

const rowsOf = (text, sep) => text.trimEnd().split('\r\n').map((l) => l.split(sep));

test('CSV: header, one row per annotation (id desc), two-decimal numbers, names, URLs', async () => {
  const r = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/annotation/download?format=csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/csv/);
  assert.match(r.headers['content-disposition'], new RegExp(`^attachment; filename=\\d{8}_annotations_project${panc.id}\\.csv$`));
  const [header, ...rows] = rowsOf(r.text, ',');
  assert.deepEqual(header, ['Id', 'Area (microns²)', 'Perimeter (mm)', 'X', 'Y', 'Image Id', 'Image Filename', 'User', 'Term', 'View annotation picture', 'View annotation on image']);
  const ids = emu.state.annotationIdsOfProject(panc.id).slice().sort((a, b) => b - a);
  assert.deepEqual(rows.map((x) => Number(x[0])), ids);
  const [row] = rows;
  const a = emu.state.get('annotation', ids[0]);
  assert.ok(row.slice(1, 5).every((v) => /^-?\d+\.\d{2}$/.test(v)), row.slice(1, 5).join(' '));
  assert.equal(row[5], String(a.image));
  assert.equal(row[7], emu.state.get('user', a.user).username);
  assert.equal(row[8], emu.state.termsOfAnnotation(a.id).map((at) => emu.state.get('term', at.term).name).join('- '));
  assert.equal(row[9], `${emu.url}/api/userannotation/${a.id}/crop.png`);
  assert.equal(row[10], `${emu.url}/#/project/${panc.id}/image/${a.image}/annotation/${a.id}`);
});

test('filters: terms, users, images, afterThan/beforeThan; "xls" is semicolon-separated', async () => {
  const s = emu.state;
  const term = s.termsOfOntology(panc.ontology)[0];
  const bob = s.userByUsername('bob');
  const all = s.annotationIdsOfProject(panc.id).map((id) => s.get('annotation', id));
  const created = all.map((a) => Number(a.created)).sort((x, y) => x - y);
  const [from, to] = [created[100], created[700]];
  const expected = all.filter((a) => a.user === bob.id && s.termsOfAnnotation(a.id).some((at) => at.term === term.id) && a.created >= from && a.created <= to)
    .map((a) => a.id).sort((x, y) => y - x);
  const r = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/annotation/download?format=xls&terms=${term.id}&users=${bob.id}&afterThan=${from}&beforeThan=${to}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/vnd.ms-excel');
  assert.deepEqual(rowsOf(r.text, ';').slice(1).map((x) => Number(x[0])), expected);
  const image = s.imagesOfProject(panc.id)[0];
  const byImage = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/annotation/download?format=csv&images=${image.id}`);
  assert.deepEqual(rowsOf(byImage.text, ',').slice(1).map((x) => Number(x[0])), s.annotationIdsOfImage(image.id).slice().sort((x, y) => y - x));
});

test('PDF: a valid document with every row', async () => {
  const r = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/annotation/download?format=pdf&users=${emu.state.userByUsername('carol').id}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/pdf');
  const text = r.body.toString('latin1');
  assert.ok(text.startsWith('%PDF-1.4') && text.trimEnd().endsWith('%%EOF'));
  const xref = Number(/startxref\n(\d+)/.exec(text)[1]);
  assert.equal(text.slice(xref, xref + 4), 'xref', 'startxref points at the xref table');
  const ids = emu.state.annotationIdsOfProject(panc.id).filter((id) => emu.state.get('annotation', id).user === emu.state.userByUsername('carol').id);
  assert.ok(ids.every((id) => text.includes(`(${id} | `)));
  // Every object offset in the xref table points at its object.
  const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  offsets.forEach((o, i) => assert.equal(text.slice(o, o + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`));
});

test('errors: no format 400, unknown format 500, outsider 403, unknown project 404', async () => {
  assert.equal((await api(emu, 'alice', 'GET', `/api/project/${panc.id}/annotation/download`)).status, 400);
  const bad = await api(emu, 'alice', 'GET', `/api/project/${panc.id}/annotation/download?format=docx`);
  assert.equal(bad.status, 500);
  assert.match(bad.text, /invalid format/);
  assert.equal((await api(emu, 'dave', 'GET', `/api/project/${panc.id}/annotation/download?format=csv`)).status, 403);
  assert.equal((await api(emu, 'alice', 'GET', '/api/project/987654321/annotation/download?format=csv')).status, 404);
});

test('delimited text quotes cells with the delimiter, quotes or line breaks; the PDF escapes parentheses', () => {
  assert.equal(delimited([['a,b', 'say "hi"', 'x\ny', 'plain']], ','), '"a,b","say ""hi""","x\ny",plain\r\n');
  assert.equal(delimited([['a,b', 'c;d']], ';'), 'a,b;"c;d"\r\n');
  const pdf = textPdf('T (1)', [['h'], ['v)']]).toString('latin1');
  assert.ok(pdf.includes('(T \\(1\\)) Tj') && pdf.includes('(v\\)) Tj'));
});
