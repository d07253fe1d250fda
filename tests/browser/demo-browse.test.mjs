// The demo page: connect, projects, a project's terms / images / gallery of real crops, term
// filter checked against the API, sort, keyboard, detail, narrow window, and proof that the
// page's requests were signed and went through the gateway (dateFull copied to Date).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo, screenshot, galleryState } from './demo-harness.mjs';

const WWW_SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'screenshots');
let demo;
let projectId;

before(async () => {
  demo = await startDemo();
});
after(async () => {
  await demo?.close();
});

test('connects with the prefilled demo keys and lists the projects of the API', async () => {
  const { page, server, models } = demo;
  await page.goto(`${server.url}/`);
  assert.equal(await page.locator('#demo-user').inputValue(), 'alice');
  assert.notEqual(await page.locator('#public-key').inputValue(), '');
  await screenshot(page, '01-connect');
  await page.locator('#connect-button').click();
  await page.locator('.project-card').first().waitFor();
  await page.waitForSelector('#connection-status .dot-on');
  assert.match(await page.locator('#connection-status').innerText(), /alice/);
  // The package found which Cytomine it talks to (the demo runs today's core, as `npm start`).
  assert.match(await page.locator('#connection-status').innerText(), /core 2026/);

  const projects = await models.ProjectCollection.fetchAll();
  const names = await page.locator('.project-card .project-name').allInnerTexts();
  assert.deepEqual(names.sort(), projects.array.map((p) => p.name).sort());
  const panc = projects.array.find((p) => p.name === 'PANC-Biopsies');
  projectId = panc.id;
  const card = page.locator(`.project-card[data-project-id="${panc.id}"]`);
  assert.match(await card.innerText(), /Histology/);
  assert.match(await card.innerText(), new RegExp(panc.numberOfAnnotations.toLocaleString('en-US')));
  await screenshot(page, '02-projects');

  // The search box filters the list.
  await page.locator('#project-search').fill('prost');
  assert.deepEqual(await page.locator('.project-card .project-name').allInnerTexts(), ['PROSTATE-Gleason']);
  await page.locator('#project-search').fill('');
});

test('opens a project: term counts, thumbnails and crops that decoded', async () => {
  const { page, models } = demo;
  await page.locator(`.project-card[data-project-id="${projectId}"]`).click();
  await page.locator('.annotation-card img[data-state="done"]').first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('.term-toggle')].every((b) => b.dataset.count !== undefined));

  // Crops are real images: decoded with a width.
  const widths = await page.$$eval('.annotation-card img[data-state="done"]', (imgs) => imgs.map((i) => i.naturalWidth));
  assert.ok(widths.length >= 4, `some crops loaded (${widths.length})`);
  assert.ok(widths.every((w) => w > 0));
  await page.locator('.image-toggle img[data-state="done"]').first().waitFor();
  assert.ok(await page.$eval('.image-toggle img[data-state="done"]', (i) => i.naturalWidth > 0));

  // Term counts match the API.
  const terms = await new models.TermCollection({ filterKey: 'project', filterValue: projectId }).fetchAll();
  for (const term of terms.array.slice(0, 3)) {
    const c = new models.AnnotationCollection({ project: projectId, term: term.id, nbPerPage: 1 });
    await c.fetchPage(0);
    const shown = await page.locator(`.term-toggle[data-term-id="${term.id}"]`).getAttribute('data-count');
    assert.equal(Number(shown), c.totalNbItems, `count of ${term.name}`);
  }
  const all = await galleryState(page);
  const project = await models.Project.fetch(projectId);
  assert.equal(all.total, project.numberOfAnnotations);
  assert.equal(all.ids.length, 48);
  await page.waitForTimeout(300); // let the visible crops finish for the screenshot
  const shot = await screenshot(page, '03-project');
  mkdirSync(WWW_SHOTS, { recursive: true });
  copyFileSync(shot, path.join(WWW_SHOTS, 'project.png'));
});

test('infinite scroll loads the next page', async () => {
  const { page } = demo;
  await page.locator('.gallery .sentinel').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('.annotation-card').length >= 96);
  const { ids } = await galleryState(page);
  assert.equal(new Set(ids).size, ids.length, 'no duplicate');
  assert.ok(ids.every((id, i) => i === 0 || ids[i - 1] > id), 'newest first (id descending)');
  await page.evaluate(() => window.scrollTo(0, 0));
});

test('filtering by terms matches the API, including "no term"', async () => {
  const { page, models } = demo;
  const terms = await new models.TermCollection({ filterKey: 'project', filterValue: projectId }).fetchAll();
  const tumor = terms.array.find((t) => t.name === 'Tumor');
  await page.locator(`.term-toggle[data-term-id="${tumor.id}"]`).click();
  assert.equal(await page.locator(`.term-toggle[data-term-id="${tumor.id}"]`).getAttribute('aria-pressed'), 'true');

  const expected = new models.AnnotationCollection({ project: projectId, terms: [tumor.id], nbPerPage: 48 });
  await expected.fetchPage(0);
  await page.waitForFunction((first) => document.querySelector('.annotation-card')?.dataset.annotationId === String(first), expected.get(0).id);
  const shown = await galleryState(page);
  assert.equal(shown.total, expected.totalNbItems);
  assert.deepEqual(shown.ids, expected.array.map((a) => a.id));
  for (const a of expected.array) assert.ok(a.term.includes(tumor.id));
  assert.match(await page.locator('#filter-summary').innerText(), /Tumor/);

  // Tumor OR no term.
  await page.locator('.term-toggle[data-term-id="none"]').click();
  const both = new models.AnnotationCollection({ project: projectId, terms: [tumor.id], noTerm: true, nbPerPage: 48 });
  await both.fetchPage(0);
  await page.waitForFunction((total) => document.querySelector('.gallery')?.dataset.total === String(total) && document.querySelector('.gallery').dataset.state !== 'loading', both.totalNbItems);
  assert.deepEqual((await galleryState(page)).ids, both.array.map((a) => a.id));
  await screenshot(page, '04-filter-terms');

  // An image and an author on top.
  const image = Number(await page.locator('.image-toggle').first().getAttribute('data-image-id'));
  const bob = (await models.UserCollection.fetchAll({ filterKey: 'project', filterValue: projectId })).array.find((u) => u.username === 'bob');
  await page.locator(`.image-toggle[data-image-id="${image}"]`).click();
  await page.locator(`.user-toggle[data-user-id="${bob.id}"]`).click();
  const narrowed = new models.AnnotationCollection({ project: projectId, terms: [tumor.id], noTerm: true, images: [image], users: [bob.id], nbPerPage: 48 });
  await narrowed.fetchPage(0);
  await page.waitForFunction((total) => document.querySelector('.gallery')?.dataset.total === String(total) && document.querySelector('.gallery').dataset.state !== 'loading', narrowed.totalNbItems);
  assert.deepEqual((await galleryState(page)).ids, narrowed.array.map((a) => a.id));

  await page.locator('#clear-filters').click();
  await page.waitForFunction(() => document.querySelector('.gallery')?.dataset.total === '1200' && document.querySelector('.gallery').dataset.state !== 'loading');
});

test('sorting by area lists every annotation, largest first, in one unit (µm²)', async () => {
  const { page, server } = demo;
  // The project mixes calibrated images (areas in µm²) and an uncalibrated one (pixels²): the
  // expected order converts pixel areas with the calibration the project's images share.
  const projectId = Number(await page.locator('.project-view').getAttribute('data-project-id'));
  const s = server.state;
  const calibration = (ii) => ii.physicalSizeX ?? s.get('abstractimage', ii.baseImage).physicalSizeX ?? null;
  const images = s.imagesOfProject(projectId);
  const shared = [...new Set(images.map(calibration).filter((v) => v > 0))];
  assert.equal(shared.length, 1, 'one calibration in the project');
  assert.ok(images.some((ii) => !calibration(ii)), 'an uncalibrated image in the project');
  const all = await new demo.models.AnnotationCollection({ project: projectId, showGIS: true, showMeta: true, nbPerPage: 500 }).fetchAll();
  const microns = (a) => (/micron/.test(a.areaUnit) ? a.area : a.area * shared[0] ** 2);
  const expected = all.array.filter((a) => a.area > 0).sort((a, b) => microns(b) - microns(a) || b.id - a.id).slice(0, 48).map((a) => a.id);
  await page.locator('#gallery-sort').selectOption('largest');
  await page.waitForFunction(() => document.querySelector('.gallery')?.dataset.state !== 'loading' && document.querySelectorAll('.annotation-card').length === 48 && !/Listing/.test(document.querySelector('#gallery-status-text').textContent));
  assert.deepEqual((await galleryState(page)).ids, expected);
  await page.locator('#gallery-sort').selectOption('newest');
  await galleryState(page);
});

test('keyboard: arrows move in the gallery, Enter opens the detail, Escape closes it', async () => {
  const { page, models } = demo;
  await page.locator('.annotation-card').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const third = await page.evaluate(() => document.activeElement.dataset.index);
  assert.equal(third, '2');
  const columns = await page.evaluate(() => {
    const items = [...document.querySelectorAll('#gallery > li')];
    return items.filter((li) => li.offsetTop === items[0].offsetTop).length;
  });
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), String(2 + columns));
  await page.keyboard.press('ArrowUp');
  const id = Number(await page.evaluate(() => document.activeElement.dataset.annotationId));

  await page.keyboard.press('Enter');
  const dialog = page.locator('#annotation-detail');
  await dialog.waitFor();
  await page.locator('.detail-crop[data-state="done"]').waitFor();
  assert.equal(await page.locator('#detail-title').innerText(), `Annotation #${id}`);
  assert.ok(await page.$eval('.detail-crop', (img) => img.naturalWidth > 0));

  // The fields match the API, with units; the outline is drawn; the viewer link is the imageURL.
  const a = await models.Annotation.fetch(id);
  const text = await dialog.innerText();
  assert.match(text, new RegExp(a.areaUnit));
  assert.match(text, new RegExp(a.perimeterUnit));
  assert.equal(await page.locator('.detail .wkt').inputValue(), a.location);
  assert.ok((await page.getAttribute('.outline .outline-path', 'd')).length > 10);
  assert.equal(await page.getAttribute('#open-in-cytomine', 'href'), a.imageURL);
  await screenshot(page, '05-detail-keyboard');

  // Next moves to the following gallery item.
  await page.locator('button[aria-label="Next annotation"]').click();
  await page.waitForFunction((prev) => document.querySelector('#detail-title').textContent !== `Annotation #${prev}`, id);
  // ← goes back (outside form fields).
  await page.locator('#detail-title').click();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((prev) => document.querySelector('#detail-title').textContent === `Annotation #${prev}`, id);

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('annotation-card')), true, 'focus returns to the gallery');

  // The README screenshot: the newest annotation (a polygon) with its outline.
  await page.locator('.annotation-card').first().click();
  await page.locator('.detail-crop[data-state="done"]').waitFor();
  copyFileSync(await screenshot(page, '05-detail'), path.join(WWW_SHOTS, 'detail.png'));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('narrow window: single column, no horizontal scroll', async () => {
  const { page } = demo;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal overflow (${overflow}px)`);
  await screenshot(page, '06-project-narrow', { fullPage: false });
  await page.locator('.annotation-card').first().click();
  await page.locator('.detail-crop[data-state="done"]').waitFor();
  const box = await page.locator('#annotation-detail').boundingBox();
  assert.ok(box.width <= 390);
  await screenshot(page, '07-detail-narrow');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1366, height: 860 });
});

test('every control has an accessible name', async () => {
  const { page } = demo;
  const unnamed = await page.evaluate(() => {
    const name = (el) => el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.getAttribute('title') || el.getAttribute('aria-labelledby');
    return [...document.querySelectorAll('button, input, select, textarea, a[href]')]
      .filter((el) => !(name(el) ?? '').trim())
      .map((el) => el.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unnamed, []);
});

test('the page\'s requests were signed and went through the gateway (dateFull copied into Date)', async () => {
  const { server, pageErrors } = demo;
  const api = server.requests.filter((r) => r.path.startsWith('/api/') && r.user === 'alice');
  assert.ok(api.length > 20, `API requests logged (${api.length})`);
  // The browser cannot send Date: every signed request had it copied from dateFull by the gateway.
  const fromPage = api.filter((r) => r.dateCopiedFromDateFull);
  assert.ok(fromPage.length > 20);
  for (const r of fromPage) {
    assert.equal(r.auth, 'apikey');
    assert.equal(r.headers['authorization-present'], true);
    assert.ok(r.headers.datefull);
    // Core answers 404 for the description of an annotation that has none (the detail asks).
    const missingDescription = r.status === 404 && /\/description\.json$/.test(r.path)
      && !server.state.all('description').some((d) => r.path.includes(`/${d.domainIdent}/description.json`));
    assert.ok((r.status >= 200 && r.status < 400) || missingDescription, `${r.method} ${r.path} → ${r.status}`);
  }
  assert.ok(fromPage.some((r) => /\/crop\.png$/.test(r.path)), 'crops fetched with credentials');
  assert.ok(fromPage.some((r) => /\/thumb\.png$/.test(r.path)), 'thumbnails fetched with credentials');
  assert.deepEqual(pageErrors.map(String), []);
});
