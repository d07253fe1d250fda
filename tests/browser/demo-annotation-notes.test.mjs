// What a pathologist writes about an annotation in the detail (description, tags, properties,
// comments), deleting it with undo, the tag filter of the gallery and the preview size: each
// checked through the API from Node (a separate connection with alice's keys) or the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo, connect, screenshot, galleryState } from './demo-harness.mjs';

// The README's screenshot of the review filters is refreshed from this test (as demo-browse does for the project page).
const WWW_SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'screenshots');

let demo;
let project;
let annotationId;
let annotation; // the Node-side model (for the meta collections)

before(async () => {
  demo = await startDemo();
  const { page, server, models } = demo;
  await connect(page, server.url);
  project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.locator(`.project-card[data-project-id="${project.id}"]`).click();
  const { ids } = await galleryState(page);
  annotationId = ids[1];
  annotation = await models.Annotation.fetch(annotationId);
  await page.locator(`.annotation-card[data-annotation-id="${annotationId}"]`).click();
  await page.locator('#detail-properties #add-property-button').waitFor();
});
after(async () => {
  await demo?.close();
});

const tagNamesOnServer = async () => {
  const { models } = demo;
  const tags = new Map((await models.TagCollection.fetchAll()).array.map((t) => [t.id, t.name]));
  const list = await new models.TagDomainAssociationCollection({ object: annotation }).fetchAll();
  return list.array.map((x) => tags.get(x.tag ?? x.tagId)).sort();
};

test('a property is added (saved on the server), its value replaced, then removed', async () => {
  const { page, models } = demo;
  const propertiesOnServer = async () => (await new models.PropertyCollection({ object: annotation }).fetchAll()).array.map((p) => [p.key, p.value]);
  assert.deepEqual(await propertiesOnServer(), []);
  await page.locator('#property-key').fill('grade');
  await page.locator('#property-value').fill('2');
  await page.locator('#add-property-button').click();
  await page.locator('#detail-property-table tr[data-key="grade"]').waitFor();
  assert.deepEqual(await propertiesOnServer(), [['grade', '2']]);
  assert.equal(await page.locator('#detail-property-table tr[data-key="grade"] td').first().textContent(), '2');
  // The same key again replaces its value (one value per key).
  await page.locator('#property-key').fill('grade');
  await page.locator('#property-value').fill('3');
  await page.locator('#add-property-button').click();
  await page.waitForFunction(() => document.querySelector('#detail-property-table tr[data-key="grade"] td')?.textContent === '3');
  assert.deepEqual(await propertiesOnServer(), [['grade', '3']]);
  await page.locator('#detail-property-table button[aria-label="Remove property grade"]').click();
  await page.locator('#detail-property-table tr[data-key="grade"]').waitFor({ state: 'detached' });
  assert.deepEqual(await propertiesOnServer(), []);
});

test('a tag is added from the server\'s list, a new one is created, and one is removed', async () => {
  const { page } = demo;
  const before = await tagNamesOnServer();
  assert.ok(!before.includes('artifact'));
  await page.locator('#tag-input').fill('artifact');
  await page.locator('#add-tag-button').click();
  await page.locator('#detail-tag-list .tag-chip', { hasText: 'artifact' }).waitFor();
  await page.locator('#tag-input').fill('mitosis-count');
  await page.locator('#add-tag-button').click();
  await page.locator('#detail-tag-list .tag-chip', { hasText: 'mitosis-count' }).waitFor();
  assert.deepEqual(await tagNamesOnServer(), [...before, 'mitosis-count', 'artifact'].sort());
  await page.locator('#detail-tag-list button[aria-label="Remove tag mitosis-count"]').click();
  await page.locator('#detail-tag-list .tag-chip', { hasText: 'mitosis-count' }).waitFor({ state: 'detached' });
  assert.deepEqual(await tagNamesOnServer(), [...before, 'artifact'].sort());
});

test('the description is written, shown as text (never as markup) and saved', async () => {
  const { page, models } = demo;
  await page.locator('#edit-description').click();
  await page.locator('#description-input').fill('Poorly differentiated <b>glands</b>\n\nSecond paragraph');
  await page.locator('#save-description').click();
  await page.waitForFunction(() => document.getElementById('description-text')?.textContent.includes('Second paragraph'));
  const saved = await models.Description.fetch(annotation);
  assert.equal(saved.data, '<p>Poorly differentiated &lt;b&gt;glands&lt;/b&gt;</p><p>Second paragraph</p>');
  assert.equal(await page.locator('#description-text b').count(), 0, 'no markup from the text');
  assert.equal(await page.locator('#description-text').textContent(), 'Poorly differentiated <b>glands</b>\n\nSecond paragraph');
  // Edited again: the textarea holds the same text (paragraphs as blank lines).
  await page.locator('#edit-description').click();
  assert.equal(await page.locator('#description-input').inputValue(), 'Poorly differentiated <b>glands</b>\n\nSecond paragraph');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#description-text').waitFor();
});

test('Undo reverts the last description, tag or property edit (on the server and in the detail)', async () => {
  const { page, models } = demo;
  const undo = async (message) => {
    await page.locator('#undo-button:not([disabled])').click();
    await page.locator('.toast', { hasText: message }).first().waitFor();
  };
  const descriptionOnServer = async () => (await models.Description.fetch(annotation)).data;
  // The description: back to the previous text.
  const previous = await descriptionOnServer();
  assert.ok(previous);
  await page.locator('#edit-description').click();
  await page.locator('#description-input').fill('Rewritten');
  await page.locator('#save-description').click();
  await page.waitForFunction(() => document.getElementById('description-text')?.textContent === 'Rewritten');
  assert.equal(await descriptionOnServer(), '<p>Rewritten</p>');
  await undo('(description)');
  assert.equal(await descriptionOnServer(), previous);
  await page.waitForFunction(() => document.getElementById('description-text')?.textContent.includes('Second paragraph'));
  // A tag added: removed again; a tag removed: added again.
  const tagsBefore = await tagNamesOnServer();
  assert.ok(!tagsBefore.includes('second-look'));
  await page.locator('#tag-input').fill('second-look');
  await page.locator('#add-tag-button').click();
  await page.locator('#detail-tag-list .tag-chip', { hasText: 'second-look' }).waitFor();
  assert.deepEqual(await tagNamesOnServer(), [...tagsBefore, 'second-look'].sort());
  await undo('(tag “second-look” added)');
  await page.locator('#detail-tag-list .tag-chip', { hasText: 'second-look' }).waitFor({ state: 'detached' });
  assert.deepEqual(await tagNamesOnServer(), tagsBefore);
  assert.ok(tagsBefore.includes('artifact'));
  await page.locator('#detail-tag-list button[aria-label="Remove tag artifact"]').click();
  await page.locator('#detail-tag-list .tag-chip', { hasText: 'artifact' }).waitFor({ state: 'detached' });
  assert.deepEqual(await tagNamesOnServer(), tagsBefore.filter((t) => t !== 'artifact'));
  await undo('(tag “artifact” removed)');
  await page.locator('#detail-tag-list .tag-chip', { hasText: 'artifact' }).waitFor();
  assert.deepEqual(await tagNamesOnServer(), tagsBefore);
  // A property's value replaced: the previous value again; a property added: gone again.
  const propertiesOnServer = async () => (await new models.PropertyCollection({ object: annotation }).fetchAll()).array.map((p) => [p.key, p.value]);
  const cell = () => document.querySelector('#detail-property-table tr[data-key="stage"] td')?.textContent;
  for (const v of ['T1', 'T2']) {
    await page.locator('#property-key').fill('stage');
    await page.locator('#property-value').fill(v);
    await page.locator('#add-property-button').click();
    await page.waitForFunction((x) => document.querySelector('#detail-property-table tr[data-key="stage"] td')?.textContent === x, v);
  }
  assert.deepEqual(await propertiesOnServer(), [['stage', 'T2']]);
  await undo('(property “stage” changed)');
  await page.waitForFunction((f) => new Function(`return (${f})()`)() === 'T1', cell.toString());
  assert.deepEqual(await propertiesOnServer(), [['stage', 'T1']]);
  await page.locator('#detail-property-table button[aria-label="Remove property stage"]').click();
  await page.locator('#detail-property-table tr[data-key="stage"]').waitFor({ state: 'detached' });
  assert.deepEqual(await propertiesOnServer(), []);
  await undo('(property “stage” removed)');
  await page.locator('#detail-property-table tr[data-key="stage"]').waitFor();
  assert.deepEqual(await propertiesOnServer(), [['stage', 'T1']]);
  // Nothing left to undo on this annotation.
  assert.equal(await page.locator('#undo-button').isDisabled(), true);
  await page.locator('#detail-property-table button[aria-label="Remove property stage"]').click();
  await page.locator('#detail-property-table tr[data-key="stage"]').waitFor({ state: 'detached' });
});

test('a comment is sent to the other members and listed with its author', async () => {
  const { page, models } = demo;
  await page.locator('#comment-input').fill('Please check the margin');
  await page.locator('#add-comment-button').click();
  await page.locator('#detail-comment-list .comment', { hasText: 'Please check the margin' }).waitFor();
  const comments = (await new models.AnnotationCommentCollection({ annotation }).fetchAll()).array;
  assert.equal(comments.length, 1);
  assert.equal(comments[0].comment, 'Please check the margin');
  const members = (await new models.UserCollection({ filterKey: 'project', filterValue: project.id }).fetchAll()).array.map((u) => u.id);
  const me = (await models.User.fetchCurrent()).id;
  assert.deepEqual([...comments[0].receivers].sort(), members.filter((id) => id !== me).sort());
  assert.match(await page.locator('#detail-comment-list .comment-meta').first().textContent(), /Alice/);
  await screenshot(page, '20-detail-notes');
});

test('the gallery filters by tag: the cards are the server\'s tagged annotations; the URL keeps it', async () => {
  const { page, models, server } = demo;
  await page.keyboard.press('Escape');
  await page.locator('#annotation-detail').waitFor({ state: 'detached' });
  const teaching = (await models.TagCollection.fetchAll()).array.find((t) => t.name === 'teaching');
  const s = server.state;
  const expected = s.annotationIdsOfProject(project.id)
    .filter((id) => s.byDomain('tagdomainassociation', 'be.cytomine.domain.ontology.UserAnnotation', id).some((x) => s.get('tagdomainassociation', x).tag === teaching.id))
    .sort((a, b) => b - a);
  assert.ok(expected.includes(annotationId) && expected.length >= 2, `tagged: ${expected}`);
  await page.locator(`.tag-toggle[data-tag-id="${teaching.id}"]`).click();
  await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n) && document.querySelector('.gallery').dataset.state !== 'loading', expected.length);
  const { ids } = await galleryState(page);
  assert.deepEqual(ids, expected);
  assert.match(page.url(), new RegExp(`[?&]tags=${teaching.id}(&|$)`));
  assert.match(await page.locator('#filter-summary').textContent(), /tags: teaching/);
  assert.equal(await page.locator('#export-csv').isDisabled(), true, 'the report has no tag filter');
  await page.reload();
  await page.locator('#connect-button').click();
  await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n), expected.length);
  assert.equal(await page.locator(`.tag-toggle[data-tag-id="${teaching.id}"]`).getAttribute('aria-pressed'), 'true');
  await page.locator(`.tag-toggle[data-tag-id="${teaching.id}"]`).click();
  await page.waitForFunction(() => !/[?&]tags=/.test(location.hash));
});

test('"Not reviewed yet" leaves out the annotations accepted in review (notReviewedOnly), and the term counts follow', async () => {
  const { page, models, server } = demo;
  const s = server.state;
  const image = s.imagesOfProject(project.id).sort((x, y) => x.id - y.id)[0];
  const onImage = s.annotationIdsOfImage(image.id).sort((x, y) => y - x);
  // alice (a manager) reviews the image and accepts two of its annotations.
  await models.ImageInstance.fetch(image.id).then((ii) => ii.review());
  for (const id of onImage.slice(0, 2)) await (await models.Annotation.fetch(id)).review();
  const reviewed = new Set(s.all('reviewedannotation').map((r) => r.parentIdent));
  assert.equal(reviewed.size, 2);
  const expected = s.annotationIdsOfProject(project.id).filter((id) => !reviewed.has(id)).sort((x, y) => y - x);
  await page.locator('#not-reviewed-toggle').click();
  await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n) && document.querySelector('.gallery').dataset.state !== 'loading', expected.length);
  const { ids } = await galleryState(page);
  assert.deepEqual(ids, expected.slice(0, ids.length));
  assert.ok(!ids.some((id) => reviewed.has(id)));
  assert.match(page.url(), /[?&]notReviewed=1/);
  const noTerm = expected.filter((id) => s.termsOfAnnotation(id).length === 0).length;
  await page.waitForFunction((n) => document.querySelector('.term-toggle[data-term-id="none"]')?.dataset.count === String(n), noTerm);
  await page.locator('#not-reviewed-toggle').click();
  await page.waitForFunction(() => !/[?&]notReviewed=/.test(location.hash));
  // The detail says whether an annotation was accepted in review.
  await galleryState(page);
  const first = onImage[0];
  await page.evaluate(([p, a]) => { location.hash = `#/project/${p}?annotation=${a}`; }, [project.id, first]);
  await page.locator('#annotation-detail .fields-list').waitFor();
  assert.match(await page.locator('#annotation-detail .fields-list').textContent(), /ReviewedYes \(accepted in review\)/);
  await page.keyboard.press('Escape');
  await page.locator('#annotation-detail').waitFor({ state: 'detached' });
});

test('"Reviewed only" lists the reviewed annotations (core\'s reviewed=true: the ReviewedAnnotation objects)', async () => {
  const { page, models, server } = demo;
  const s = server.state;
  if (!s.all('reviewedannotation').some((r) => r.project === project.id)) {
    const image = s.imagesOfProject(project.id).sort((x, y) => x.id - y.id)[0];
    await models.ImageInstance.fetch(image.id).then((ii) => ii.review());
    for (const id of s.annotationIdsOfImage(image.id).slice(0, 2)) await (await models.Annotation.fetch(id)).review();
  }
  const reviewed = s.all('reviewedannotation').filter((r) => r.project === project.id).sort((x, y) => y.id - x.id);
  assert.ok(reviewed.length >= 2);
  const parents = new Set(reviewed.map((r) => r.parentIdent));
  await page.locator('#not-reviewed-toggle').click();
  await page.waitForFunction(() => /[?&]notReviewed=1/.test(location.hash));
  await page.locator('#reviewed-toggle').click();
  await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n) && document.querySelector('.gallery').dataset.state !== 'loading', reviewed.length);
  const { ids } = await galleryState(page);
  assert.deepEqual(ids, reviewed.map((r) => r.id));
  assert.ok(!ids.some((id) => parents.has(id)), 'the reviewed copies, not their parents');
  assert.equal(await page.locator('#reviewed-toggle').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#not-reviewed-toggle').getAttribute('aria-pressed'), 'false', 'the two review filters exclude each other');
  assert.match(page.url(), /[?&]reviewed=1/);
  assert.doesNotMatch(page.url(), /[?&]notReviewed=1/);
  assert.match(await page.locator('#filter-summary').textContent(), /reviewed only/);
  // the term counts follow: the reviewed annotations' own terms
  const noTerm = reviewed.filter((r) => (r.terms ?? []).length === 0).length;
  await page.waitForFunction((n) => document.querySelector('.term-toggle[data-term-id="none"]')?.dataset.count === String(n), noTerm);
  // its crop (the generic crop of the reviewed annotation) and its detail
  await page.waitForFunction((id) => document.querySelector(`.annotation-card[data-annotation-id="${id}"] img[data-state="done"]`), reviewed[0].id);
  // No algorithm-annotation toggle: the Review panel says why (today's core, as the demo runs).
  assert.match(await page.locator('.sidebar .algo-note').textContent(), /^Algorithm annotations: not in the annotation search\. Today's core lists only user and reviewed annotations there/);
  // The screenshot: the whole sidebar (down to the Review panel) beside the reviewed annotations.
  await page.waitForFunction((n) => document.querySelectorAll('.annotation-card img[data-state="done"]').length === n, reviewed.length);
  // (the sidebar scrolls within the window's height: the window is made tall enough to hold all of it)
  const height = await page.evaluate(() => {
    const sidebar = document.querySelector('.sidebar');
    return Math.ceil(sidebar.getBoundingClientRect().top + window.scrollY + sidebar.scrollHeight + 48);
  });
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport.width, height: Math.min(height, 2400) });
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector('.sidebar').scrollTop = 0;
  });
  mkdirSync(WWW_SHOTS, { recursive: true });
  copyFileSync(await screenshot(page, '07-review-filters'), path.join(WWW_SHOTS, 'review.png'));
  await page.setViewportSize(viewport);
  assert.ok(server.requests.some((r) => r.path === `/api/annotation/${reviewed[0].id}/crop.png`));
  await page.locator(`.annotation-card[data-annotation-id="${reviewed[0].id}"]`).click();
  await page.locator('#annotation-detail .fields-list').waitFor();
  assert.match(await page.locator('#annotation-detail .fields-list').textContent(), /ReviewedYes \(accepted in review\)/);
  await page.keyboard.press('Escape');
  await page.locator('#annotation-detail').waitFor({ state: 'detached' });
  await page.reload();
  await page.locator('#connect-button').click();
  await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n), reviewed.length);
  assert.equal(await page.locator('#reviewed-toggle').getAttribute('aria-pressed'), 'true');
  await page.locator('#reviewed-toggle').click();
  await page.waitForFunction(() => !/[?&]reviewed=/.test(location.hash));
});

test('the preview size changes the cards and the crops asked for', async () => {
  const { page, server } = demo;
  await galleryState(page);
  const width = () => page.locator('.annotation-card').first().evaluate((el) => el.getBoundingClientRect().width);
  const medium = await width();
  await page.locator('#gallery-size').selectOption('large');
  await page.waitForFunction(() => document.querySelector('.gallery')?.dataset.previewSize === 'large');
  await galleryState(page);
  const large = await width();
  assert.ok(large > medium * 1.4, `large ${large} vs medium ${medium}`);
  await page.waitForFunction(() => document.querySelector('.annotation-card img[data-state="done"]'));
  assert.ok(server.requests.some((r) => /\/crop\.png$/.test(r.path) && /maxSize=512/.test(r.query)), 'crops at 512 px');
  assert.match(page.url(), /[?&]size=large/);
  await page.locator('#gallery-size').selectOption('medium');
});

test('delete from the detail greys the card; Undo restores the annotation with its terms', async () => {
  const { page, models } = demo;
  const { ids } = await galleryState(page);
  const id = ids[2];
  const before = await models.Annotation.fetch(id);
  await page.locator(`.annotation-card[data-annotation-id="${id}"]`).click();
  await page.locator('#delete-annotation-button').click();
  await page.locator('#annotation-deleted').waitFor();
  await assert.rejects(models.Annotation.fetch(id), (e) => e.status === 404, 'gone on the server');
  assert.equal(await page.locator(`.annotation-card[data-annotation-id="${id}"]`).getAttribute('data-deleted'), 'true');
  await screenshot(page, '21-detail-deleted');
  await page.locator('#undo-delete-button').click();
  await page.locator('#detail-properties #add-property-button').waitFor();
  const restored = await models.Annotation.fetch(id);
  assert.equal(restored.location, before.location);
  assert.deepEqual([...restored.term].sort(), [...before.term].sort());
  assert.equal(await page.locator(`.annotation-card[data-annotation-id="${id}"]`).getAttribute('data-deleted'), 'false');
  assert.equal(await page.locator('#annotation-detail').getAttribute('data-annotation-id'), String(id));
});

test('no page error', () => {
  assert.deepEqual(demo.pageErrors.map((e) => e.message), []);
});
