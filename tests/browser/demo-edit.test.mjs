// Editing terms from the detail panel: add then remove a term, and undo, each checked through
// the API from Node (a separate connection with alice's keys).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, connect, screenshot, galleryState } from './demo-harness.mjs';

let demo;
let annotationId;
let term;

before(async () => {
  demo = await startDemo();
  const { page, server, models } = demo;
  await connect(page, server.url);
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.locator(`.project-card[data-project-id="${project.id}"]`).click();
  const { ids } = await galleryState(page);
  annotationId = ids[0];
  const annotation = await models.Annotation.fetch(annotationId);
  const terms = await new models.TermCollection({ filterKey: 'project', filterValue: project.id }).fetchAll();
  term = terms.array.find((t) => !annotation.term.includes(t.id));
  await page.locator(`.annotation-card[data-annotation-id="${annotationId}"]`).click();
  await page.locator('#add-term-select').waitFor();
});
after(async () => {
  await demo?.close();
});

const termsOnServer = async () => (await demo.models.Annotation.fetch(annotationId)).term;
const chip = (id) => demo.page.locator(`#detail-term-list li.term-item[data-term-id="${id}"]`);

async function addTerm() {
  const { page } = demo;
  await page.locator('#add-term-select').selectOption(String(term.id));
  await page.locator('#add-term-button').click();
  await chip(term.id).waitFor();
}

test('adds a term: saved on the server, shown in the detail and on the gallery card', async () => {
  assert.ok(!(await termsOnServer()).includes(term.id));
  await addTerm();
  assert.ok((await termsOnServer()).includes(term.id), 'the server has the new term');
  const card = demo.page.locator(`.annotation-card[data-annotation-id="${annotationId}"]`);
  assert.match(await card.getAttribute('aria-label'), new RegExp(term.name));
  await screenshot(demo.page, '08-term-added');
});

test('removes the term: gone on the server', async () => {
  await demo.page.locator(`.chip-remove[data-term-id="${term.id}"]`).click();
  await chip(term.id).waitFor({ state: 'detached' });
  assert.ok(!(await termsOnServer()).includes(term.id), 'the server no longer has the term');
});

test('undo reverts the last change through cytomine.undo()', async () => {
  const { page, server } = demo;
  await addTerm();
  assert.ok((await termsOnServer()).includes(term.id));
  await page.locator('#undo-button').click();
  await chip(term.id).waitFor({ state: 'detached' });
  assert.ok(!(await termsOnServer()).includes(term.id), 'undone on the server');
  // The detail undoes exactly its own change: the command of that change, by id.
  assert.ok(server.requests.some((r) => r.method === 'GET' && /^\/api\/command\/\d+\/undo\.json$/.test(r.path) && r.status === 200 && r.dateCopiedFromDateFull));
  assert.equal(await page.locator('#undo-button').isDisabled(), true);
});

test('a refused change shows the server\'s reason in the panel', async () => {
  const { page, models } = demo;
  // bob is a contributor of the read-only Placenta-Archive: he may look, not edit.
  await page.keyboard.press('Escape');
  await page.locator('button[aria-label="Disconnect from Cytomine"]').click();
  await page.locator('#demo-user').selectOption('bob');
  await page.locator('#connect-button').click();
  const placenta = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'Placenta-Archive');
  await page.locator(`.project-card[data-project-id="${placenta.id}"]`).click();
  const { ids } = await galleryState(page);
  const annotation = await models.Annotation.fetch(ids[0]);
  await page.locator('.annotation-card').first().click();
  const select = page.locator('#add-term-select');
  await select.waitFor();
  const option = await select.locator('option:not([value=""])').first().getAttribute('value');
  await select.selectOption(option);
  await page.locator('#add-term-button').click();
  const error = page.locator('.detail-terms .error-box');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-status'), '403');
  assert.match(await error.innerText(), /not saved/);
  await screenshot(page, '12-error-refused');
  assert.deepEqual((await models.Annotation.fetch(ids[0])).term, annotation.term, 'nothing changed');
});
