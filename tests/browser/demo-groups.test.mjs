// The ontology as a searchable tree in the term filter, and the gallery grouped by term, image
// or author: groups, counts and cards checked against the emulator's data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, connect, screenshot, galleryState } from './demo-harness.mjs';

let demo;
let project;
let terms;

before(async () => {
  demo = await startDemo();
  const { page, server, models } = demo;
  await connect(page, server.url);
  project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  terms = (await new models.TermCollection({ filterKey: 'project', filterValue: project.id }).fetchAll()).array;
  await page.locator(`.project-card[data-project-id="${project.id}"]`).click();
  await galleryState(page);
});
after(async () => {
  await demo?.close();
});

/** The project's annotation ids (newest first) that `keep` accepts, from the emulator's store. */
function annotationsWhere(keep) {
  const s = demo.server.state;
  return s.annotationIdsOfProject(project.id).filter((id) => keep(s.get('annotation', id), s)).sort((a, b) => b - a);
}
const hasTerm = (termId) => (a, s) => s.termsOfAnnotation(a.id).some((at) => at.term === termId);

test('the term filter lists the ontology as a tree: a child term under its parent, indented', async () => {
  const { page } = demo;
  const child = terms.find((t) => t.parent);
  assert.ok(child, 'the demo ontology has a parent term');
  const rows = await page.$$eval('#term-bars .term-toggle', (bs) => bs.map((b) => ({ id: b.dataset.termId, depth: Number(b.dataset.depth) })));
  const at = rows.findIndex((r) => r.id === String(child.id));
  assert.equal(rows[at - 1].id, String(child.parent), 'right after its parent');
  assert.equal(rows[at].depth, 1);
  assert.equal(rows.find((r) => r.id === String(child.parent)).depth, 0);
  assert.deepEqual(rows.map((r) => r.id).sort(), [...terms.map((t) => String(t.id)), 'none'].sort(), 'every term once, and "no term"');
  const [x0, x1] = await Promise.all([child.parent, child.id].map((id) => page.locator(`.term-toggle[data-term-id="${id}"]`).evaluate((el) => el.getBoundingClientRect().left)));
  assert.ok(x1 > x0 + 8, 'indented');
});

test('searching the terms keeps the matches under their parents', async () => {
  const { page } = demo;
  const child = terms.find((t) => t.parent);
  const visible = () => page.$$eval('#term-bars li', (lis) => lis.filter((li) => !li.hidden).map((li) => li.querySelector('.term-toggle').dataset.termId));
  // A word of the child's name that the parent's name lacks.
  const parent = terms.find((t) => t.id === child.parent);
  const word = child.name.split(/[\s-]+/).find((w) => !parent.name.toLowerCase().includes(w.toLowerCase()));
  await page.locator('#term-search').fill(word.toUpperCase());
  const expected = terms.filter((t) => t.name.toLowerCase().includes(word.toLowerCase())).map((t) => String(t.id));
  assert.deepEqual((await visible()).sort(), [...new Set([...expected, String(parent.id)])].sort());
  await page.locator('#term-search').fill('zzz-no-such-term');
  assert.deepEqual(await visible(), []);
  assert.equal(await page.locator('#term-search-empty').isVisible(), true);
  await page.locator('#term-search').fill('');
  assert.equal((await visible()).length, terms.length + 1);
});

test('grouped by term: one section per term with the server\'s count and newest annotations', async () => {
  const { page } = demo;
  await page.locator('#gallery-group').selectOption('term');
  assert.match(page.url(), /[?&]group=term/);
  await page.locator('#gallery-groups').waitFor();
  const keys = await page.$$eval('#gallery-groups .gallery-group', (ss) => ss.map((s) => s.dataset.groupKey));
  const rows = await page.$$eval('#term-bars .term-toggle', (bs) => bs.map((b) => b.dataset.termId));
  assert.deepEqual(keys, rows, 'the tree order, then "no term"');
  for (const term of terms.slice(0, 3)) {
    const section = page.locator(`#gallery-groups .gallery-group[data-group-key="${term.id}"]`);
    await section.scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => document.querySelector(`#gallery-groups .gallery-group[data-group-key="${id}"]`)?.dataset.state === 'complete', term.id);
    const expected = annotationsWhere(hasTerm(term.id));
    assert.equal(Number(await section.getAttribute('data-total')), expected.length, term.name);
    const ids = await section.locator('.annotation-card').evaluateAll((bs) => bs.map((b) => Number(b.dataset.annotationId)));
    assert.deepEqual(ids, expected.slice(0, 12), `${term.name}: its newest annotations`);
  }
  await page.locator('#gallery-groups').scrollIntoViewIfNeeded();
  await screenshot(page, '22-gallery-grouped-by-term');
});

test('a card of a group opens its detail; "Show all" narrows the filters to the group', async () => {
  const { page } = demo;
  const term = terms[0];
  const section = page.locator(`#gallery-groups .gallery-group[data-group-key="${term.id}"]`);
  await section.scrollIntoViewIfNeeded();
  const first = await section.locator('.annotation-card').first().getAttribute('data-annotation-id');
  await section.locator('.annotation-card').first().click();
  await page.waitForFunction((id) => document.querySelector('#annotation-detail')?.dataset.annotationId === id, first);
  await page.keyboard.press('Escape');
  await page.locator('#annotation-detail').waitFor({ state: 'detached' });
  const expected = annotationsWhere(hasTerm(term.id));
  assert.ok(expected.length > 12, 'more than a group shows');
  await section.locator('.show-all').click();
  await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n), expected.length);
  assert.equal(await page.locator('#gallery-groups').isHidden(), true);
  assert.equal(await page.locator('#gallery-group').inputValue(), 'none');
  assert.equal(await page.locator(`.term-toggle[data-term-id="${term.id}"]`).getAttribute('aria-pressed'), 'true');
  const { ids } = await galleryState(page);
  assert.deepEqual(ids, expected.slice(0, ids.length));
});

test('grouped by image and by author: the filtered images / authors only, with their counts', async () => {
  const { page, models } = demo;
  await page.locator('#clear-filters').click();
  const images = (await new models.ImageInstanceCollection({ filterKey: 'project', filterValue: project.id }).fetchAll()).array;
  const [a, b] = images;
  await page.locator(`.image-toggle[data-image-id="${a.id}"]`).click();
  await page.locator(`.image-toggle[data-image-id="${b.id}"]`).click();
  await page.locator('#gallery-group').selectOption('image');
  await page.waitForFunction(() => [...document.querySelectorAll('#gallery-groups .gallery-group')].every((s) => s.dataset.state === 'complete'));
  const totals = await page.$$eval('#gallery-groups .gallery-group', (ss) => ss.map((s) => [Number(s.dataset.groupKey), Number(s.dataset.total)]));
  assert.deepEqual(totals, [a, b].map((i) => [i.id, annotationsWhere((x) => x.image === i.id).length]));

  await page.locator('#clear-filters').click();
  await page.locator('#gallery-group').selectOption('author');
  const members = (await new models.UserCollection({ filterKey: 'project', filterValue: project.id }).fetchAll()).array;
  await page.waitForFunction((n) => document.querySelectorAll('#gallery-groups .gallery-group').length === n, members.length);
  for (const u of members) {
    const section = page.locator(`#gallery-groups .gallery-group[data-group-key="${u.id}"]`);
    await section.scrollIntoViewIfNeeded();
    await page.waitForFunction((id) => document.querySelector(`#gallery-groups .gallery-group[data-group-key="${id}"]`)?.dataset.state === 'complete', u.id);
    assert.equal(Number(await section.getAttribute('data-total')), annotationsWhere((x) => x.user === u.id).length, u.username);
  }
  // The grouping survives a reload.
  await page.reload();
  await page.locator('#connect-button').click();
  await page.locator('#gallery-groups .gallery-group').first().waitFor();
  assert.equal(await page.locator('#gallery-group').inputValue(), 'author');
  await page.locator('#gallery-group').selectOption('none');
});

test('a project with many images: a search by name narrows the image list', async () => {
  const { page, server } = demo;
  const admin = server.credentials.find((c) => c.username === 'admin');
  const { Cytomine } = await import('../../js/index.js');
  const api = new Cytomine(server.url, { publicKey: admin.publicKey, privateKey: admin.privateKey });
  await api.openAdminSession();
  const s = server.state;
  const inProject = new Set(s.imagesOfProject(project.id).map((ii) => ii.baseImage));
  const others = s.all('abstractimage').filter((ai) => !inProject.has(ai.id)).slice(0, 10);
  for (const ai of others) await new api.models.ImageInstance({ baseImage: ai.id, project: project.id }).save();
  const images = s.imagesOfProject(project.id);
  assert.ok(images.length > 12, `${images.length} images`);
  await page.reload();
  await page.locator('#connect-button').click();
  await page.locator('#image-search').waitFor();
  const names = await page.$$eval('#image-strip .image-name', (els) => els.map((e) => e.textContent));
  assert.equal(names.length, images.length);
  // A part of one name that is in few of them.
  const word = names[names.length - 1].slice(0, 6);
  await page.locator('#image-search').fill(word.toLowerCase());
  const shown = await page.$$eval('#image-strip li', (lis) => lis.filter((li) => !li.hidden).map((li) => li.querySelector('.image-name').textContent));
  assert.deepEqual(shown, names.filter((n) => n.toLowerCase().includes(word.toLowerCase())));
  assert.ok(shown.length < names.length);
  assert.equal(await page.locator('#image-count').textContent(), `${shown.length} of ${images.length} images`);
  await page.locator('#image-search').fill('');
  assert.equal(await page.locator('#image-strip li:not([hidden])').count(), images.length);
});

test('no page error', () => {
  assert.deepEqual(demo.pageErrors.map((e) => e.message), []);
});
