// Fixes of the annotation browser (issue 15): notifications show above the detail dialog, and a
// missing or forbidden page offers the way back to the projects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, connect, galleryState } from './demo-harness.mjs';

let demo;
before(async () => {
  demo = await startDemo();
  await connect(demo.page, demo.server.url);
});
after(async () => {
  await demo?.close();
});

test('a toast shows above the open detail dialog (not hidden under the top layer)', async () => {
  const { page, models } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.locator(`.project-card[data-project-id="${project.id}"]`).click();
  const { ids } = await galleryState(page);
  await page.locator(`.annotation-card[data-annotation-id="${ids[0]}"]`).click();
  await page.locator('#annotation-detail[open]').waitFor();
  await page.evaluate(() => window.__demo.toast('Saved', 'success'));
  await page.waitForTimeout(400); // the fade-in transition
  const onTop = await page.evaluate(() => {
    const toast = document.getElementById('toast');
    const r = toast.getBoundingClientRect();
    toast.style.pointerEvents = 'auto'; // hit testing skips pointer-events: none
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    toast.style.pointerEvents = '';
    return { hit: hit === toast || toast.contains(hit), visible: r.width > 0 && getComputedStyle(toast).opacity === '1', inBody: r.bottom <= innerHeight && r.top >= 0 };
  });
  assert.deepEqual(onTop, { hit: true, visible: true, inBody: true });
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.__demo.toast('After the dialog'));
  assert.equal(await page.evaluate(() => document.getElementById('toast').parentElement === document.body), true, 'back in <body> once the dialog closed');
});

test('a missing project (404) offers the way back to the projects', async () => {
  const { page } = demo;
  await page.evaluate(() => { location.hash = '#/project/987654321'; });
  await page.locator('.error-box[data-status="404"]').waitFor();
  await page.locator('#back-to-projects').click();
  await page.locator('.project-card').first().waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/');
});

test('a forbidden project (403) offers the way back too', async () => {
  const { page, server } = demo;
  // A project alice is not a member of.
  const aliceId = server.state.userByUsername('alice').id;
  const other = server.state.all('project').find((p) => {
    const m = server.state.membersOf(p.id);
    return !m.contributors.has(aliceId) && !m.managers.has(aliceId);
  });
  assert.ok(other, 'a project alice cannot read');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, other.id);
  await page.locator('.error-box[data-status="403"]').waitFor();
  assert.equal(await page.locator('#back-to-projects').getAttribute('href'), '#/');
});

test('project filters, sort and the open annotation are in the URL and survive a reload', async () => {
  const { page, models, server } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  const tumor = server.state.termsOfOntology(project.ontology).find((t) => t.name === 'Tumor');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  await galleryState(page);
  await page.locator(`.term-toggle[data-term-id="${tumor.id}"]`).click();
  await page.locator('#gallery-sort').selectOption('oldest');
  await page.waitForFunction(() => document.querySelector('.gallery')?.dataset.state !== 'loading' && document.querySelectorAll('.annotation-card').length > 0 && !/Listing/.test(document.querySelector('#gallery-status-text').textContent));
  const { ids } = await galleryState(page);
  await page.locator(`.annotation-card[data-annotation-id="${ids[2]}"]`).click();
  await page.locator(`#annotation-detail[data-annotation-id="${ids[2]}"]`).waitFor();
  const hash = await page.evaluate(() => location.hash);
  assert.equal(hash, `#/project/${project.id}?terms=${tumor.id}&sort=oldest&annotation=${ids[2]}`);
  // Reload: keys are not kept anywhere, so the user reconnects, then the same state is back.
  await page.reload();
  await page.locator('#connect-button').click();
  await page.locator(`#annotation-detail[data-annotation-id="${ids[2]}"]`).waitFor();
  assert.equal(await page.locator(`.term-toggle[data-term-id="${tumor.id}"]`).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#gallery-sort').inputValue(), 'oldest');
  assert.deepEqual((await galleryState(page)).ids.slice(0, 3), ids.slice(0, 3));
  assert.equal(await page.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length), 0, 'nothing stored');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#annotation-detail'));
  await page.waitForFunction((h) => location.hash === h, `#/project/${project.id}?terms=${tumor.id}&sort=oldest`);
});

test('Back closes the detail before it leaves the project, and the scroll position stays', async () => {
  const { page, models } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate(() => { location.hash = '#/'; });
  await page.locator('.project-card').first().waitFor();
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  const { ids } = await galleryState(page);
  const card = page.locator(`.annotation-card[data-annotation-id="${ids[30]}"]`);
  await card.scrollIntoViewIfNeeded();
  await page.evaluate(() => { document.querySelector('.gallery').dataset.marker = 'same'; });
  const scrollY = await page.evaluate(() => window.scrollY);
  assert.ok(scrollY > 200, `scrolled down (${scrollY})`);
  await card.click();
  await page.locator(`#annotation-detail[data-annotation-id="${ids[30]}"]`).waitFor();
  assert.match(await page.evaluate(() => location.hash), new RegExp(`annotation=${ids[30]}$`));
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#annotation-detail'));
  assert.equal(await page.evaluate(() => location.hash), `#/project/${project.id}`);
  assert.equal(await page.evaluate(() => document.querySelector('.gallery')?.dataset.marker), 'same', 'the page was not drawn again');
  assert.ok(Math.abs((await page.evaluate(() => window.scrollY)) - scrollY) <= 2, 'scroll position kept');
  // The next Back leaves the project for the project list.
  await page.goBack();
  await page.locator('.projects-view').waitFor();
  // Closing the detail on screen leaves no extra history entry behind.
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  await galleryState(page);
  await page.locator(`.annotation-card[data-annotation-id="${ids[0]}"]`).click();
  await page.locator('#annotation-detail').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction((h) => location.hash === h, `#/project/${project.id}`);
  await page.goBack();
  await page.locator('.projects-view').waitFor();
});

test('term counts follow the image and author filters', async () => {
  const { page, models, server } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  await galleryState(page);
  const image = server.state.imagesOfProject(project.id).sort((a, b) => a.id - b.id)[1];
  const bob = server.state.userByUsername('bob');
  await page.locator(`.image-toggle[data-image-id="${image.id}"]`).click();
  await page.locator(`.user-toggle[data-user-id="${bob.id}"]`).click();
  // Expected from the emulator's store: annotations of that image by bob, per term and with none.
  const s = server.state;
  const mine = s.annotationIdsOfImage(image.id).filter((id) => s.get('annotation', id).user === bob.id);
  const expected = { none: String(mine.filter((id) => s.termsOfAnnotation(id).length === 0).length) };
  for (const t of s.termsOfOntology(project.ontology)) expected[t.id] = String(mine.filter((id) => s.termsOfAnnotation(id).some((at) => at.term === t.id)).length);
  await page.waitForFunction((exp) => Object.entries(exp).every(([k, v]) => document.querySelector(`.term-toggle[data-term-id="${k}"]`)?.dataset.count === v), expected);
  const shown = await page.$$eval('.term-toggle', (bs) => Object.fromEntries(bs.map((b) => [b.dataset.termId, b.dataset.count])));
  assert.deepEqual(shown, expected);
  assert.ok(Object.values(expected).some((v) => v !== '0'));
  await page.locator('#clear-filters').click();
});

test('no layout jump while the detail crop loads', async () => {
  const { page, models } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  const { ids } = await galleryState(page);
  // Hold the detail's crop (maxSize=640) back for a moment.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/crop\.png\?.*maxSize=640/, async (route) => {
    await held;
    await route.continue();
  });
  await page.locator(`.annotation-card[data-annotation-id="${ids[1]}"]`).click();
  await page.locator('#annotation-detail .fields-list').waitFor();
  const box = () => page.evaluate(() => {
    const frame = document.querySelector('#annotation-detail .crop-frame').getBoundingClientRect();
    const fields = document.querySelector('#annotation-detail .fields-list').getBoundingClientRect();
    return { frameWidth: Math.round(frame.width), frameHeight: Math.round(frame.height), fieldsTop: Math.round(fields.top) };
  });
  const loading = await box();
  release();
  await page.locator('#annotation-detail .detail-crop[data-state="done"]').waitFor();
  const loaded = await box();
  await page.unroute(/\/crop\.png\?.*maxSize=640/);
  const size = await page.$eval('#annotation-detail .detail-crop', (img) => [img.naturalWidth, img.naturalHeight]);
  assert.ok(size[0] > 0, 'the crop loaded');
  assert.ok(Math.abs(loaded.fieldsTop - loading.fieldsTop) <= 1, `fields moved from ${loading.fieldsTop} to ${loaded.fieldsTop}`);
  assert.ok(Math.abs(loaded.frameHeight - loading.frameHeight) <= 1 && Math.abs(loaded.frameWidth - loading.frameWidth) <= 1, JSON.stringify({ loading, loaded }));
  // The frame has the picture's proportions.
  assert.ok(Math.abs(loaded.frameWidth / loaded.frameHeight - size[0] / size[1]) < 0.02);
  await page.keyboard.press('Escape');
});

test('a creation date range filters the gallery and the term counts, is in the URL, and goes on to the viewer', async () => {
  const { page, models, server } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  await galleryState(page);
  const s = server.state;
  const created = s.annotationIdsOfProject(project.id).map((id) => Number(s.get('annotation', id).created)).sort((a, b) => a - b);
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  const after = day(created[Math.floor(created.length * 0.25)]);
  const before = day(created[Math.floor(created.length * 0.6)]);
  const from = Date.parse(`${after}T00:00:00Z`), to = Date.parse(`${before}T00:00:00Z`) + 86_400_000 - 1;
  const inRange = s.annotationIdsOfProject(project.id).filter((id) => {
    const c = Number(s.get('annotation', id).created);
    return c >= from && c <= to;
  });
  await page.locator('#gallery-after').fill(after);
  await page.locator('#gallery-before').fill(before);
  await page.waitForFunction((total) => document.querySelector('.gallery')?.dataset.total === String(total) && document.querySelector('.gallery').dataset.state !== 'loading', inRange.length);
  const { ids } = await galleryState(page);
  assert.deepEqual(ids, [...inRange].sort((a, b) => b - a).slice(0, 48));
  const noTerm = inRange.filter((id) => s.termsOfAnnotation(id).length === 0).length;
  await page.waitForFunction((n) => document.querySelector('.term-toggle[data-term-id="none"]')?.dataset.count === String(n), noTerm);
  assert.equal(await page.evaluate(() => location.hash), `#/project/${project.id}?after=${after}&before=${before}`);
  // The viewer opens with the same range.
  const image = s.imagesOfProject(project.id).sort((a, b) => a.id - b.id)[0];
  await page.locator(`.open-viewer[data-image-id="${image.id}"]`).click();
  await page.waitForFunction(() => window.__viewer?.refreshes >= 1);
  const q = await page.evaluate(() => window.__viewer.lastQuery);
  assert.deepEqual([q.afterThan, q.beforeThan], [from, to]);
  assert.equal(await page.locator('#filter-after').inputValue(), after);
});

test('Undo reverts the change of the annotation on screen only', async () => {
  const { page, models, server } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  const { ids } = await galleryState(page);
  const [first, second] = ids;
  const termsOf = async (id) => (await models.Annotation.fetch(id)).term;
  const term = server.state.termsOfOntology(project.ontology).find((t) => !server.state.termsOfAnnotation(first).some((at) => at.term === t.id));
  await page.locator(`.annotation-card[data-annotation-id="${first}"]`).click();
  await page.locator('#add-term-select').selectOption(String(term.id));
  await page.locator('#add-term-button').click();
  await page.locator(`#detail-term-list li.term-item[data-term-id="${term.id}"]`).waitFor();
  assert.ok((await termsOf(first)).includes(term.id));
  // On the next annotation, Undo is off and says where the change was.
  await page.locator('#annotation-detail button[aria-label="Next annotation"]').click();
  await page.locator(`#annotation-detail[data-annotation-id="${second}"] #undo-button`).waitFor();
  assert.equal(await page.locator('#undo-button').isDisabled(), true);
  assert.match(await page.locator('#undo-button').getAttribute('title'), new RegExp(`annotation #${first}`));
  const secondTerms = await termsOf(second);
  // Back on the first one, Undo reverts that change.
  await page.locator('#annotation-detail button[aria-label="Previous annotation"]').click();
  await page.locator(`#annotation-detail[data-annotation-id="${first}"] #undo-button:not([disabled])`).waitFor();
  await page.locator('#undo-button').click();
  await page.waitForFunction((t) => !document.querySelector(`#detail-term-list li.term-item[data-term-id="${t}"]`), term.id);
  assert.ok(!(await termsOf(first)).includes(term.id), 'undone on the server');
  assert.deepEqual(await termsOf(second), secondTerms, 'the other annotation is untouched');
  await page.keyboard.press('Escape');
});

test('export of the current selection: CSV, XLS and PDF contents equal the selection', async () => {
  const { page, models, server } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  await galleryState(page);
  const s = server.state;
  const tumor = s.termsOfOntology(project.ontology).find((t) => t.name === 'Tumor');
  const bob = s.userByUsername('bob');
  await page.locator(`.term-toggle[data-term-id="${tumor.id}"]`).click();
  await page.locator(`.user-toggle[data-user-id="${bob.id}"]`).click();
  const expected = s.annotationIdsOfProject(project.id)
    .filter((id) => s.get('annotation', id).user === bob.id && s.termsOfAnnotation(id).some((at) => at.term === tumor.id))
    .sort((a, b) => b - a);
  await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n) && document.querySelector('.gallery').dataset.state !== 'loading', expected.length);
  const fetchExport = async (format) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-${format}`).click()]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  };
  const csv = await fetchExport('csv');
  assert.equal(csv.name, `annotations_project${project.id}.csv`);
  const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'Id,Area (microns²),Perimeter (mm),X,Y,Image Id,Image Filename,User,Term,View annotation picture,View annotation on image');
  assert.deepEqual(lines.slice(1).map((l) => Number(l.split(',')[0])), expected);
  assert.ok(lines.slice(1).every((l) => l.split(',')[7] === 'bob' && /Tumor/.test(l.split(',')[8])));
  const xls = await fetchExport('xls');
  assert.deepEqual(xls.bytes.toString('utf8').trimEnd().split('\r\n').slice(1).map((l) => Number(l.split(';')[0])), expected);
  const pdf = await fetchExport('pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const pdfText = pdf.bytes.toString('latin1');
  assert.ok(expected.every((id) => pdfText.includes(`(${id} | `)), 'every annotation of the selection is in the PDF');
  // Requests were signed: the export went through the package (today's core: a POST whose JSON
  // body carries the filters, which the contents above reflect).
  const exports = server.requests.filter((r) => r.path === `/api/project/${project.id}/annotation/download`);
  assert.equal(exports.length, 3);
  assert.ok(exports.every((r) => r.status === 200 && r.auth === 'apikey' && r.method === 'POST'));
  await page.locator('#clear-filters').click();
});

test('keyboard shortcuts 1-9 add and remove the ontology terms in the detail', async () => {
  const { page, models, server } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  const { ids } = await galleryState(page);
  const id = ids[3];
  await page.locator(`.annotation-card[data-annotation-id="${id}"]`).click();
  await page.locator('#add-term-select').waitFor();
  // The detail lists the ontology's terms in the project's order (the term filter list).
  const order = await page.$$eval('#term-bars .term-toggle', (bs) => bs.map((b) => b.dataset.termId).filter((k) => k !== 'none').map(Number));
  const third = order[2];
  const has = async () => (await models.Annotation.fetch(id)).term.includes(third);
  const before = await has();
  await page.locator('#annotation-detail .detail-head').click(); // focus in the dialog, outside form fields
  await page.keyboard.press('3');
  await page.waitForFunction(([t, want]) => Boolean(document.querySelector(`#detail-term-list li.term-item[data-term-id="${t}"]`)) === want, [third, !before]);
  assert.equal(await has(), !before, 'toggled on the server');
  await page.keyboard.press('3');
  await page.waitForFunction(([t, want]) => Boolean(document.querySelector(`#detail-term-list li.term-item[data-term-id="${t}"]`)) === want, [third, before]);
  assert.equal(await has(), before, 'toggled back');
  assert.ok(server.state.termsOfOntology(project.ontology).length >= 3);
  await page.keyboard.press('Escape');
});

test('phone: the gallery is on the first screen and tap targets are at least 44 px', async () => {
  const { page, models } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
    await galleryState(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const firstCard = await page.locator('.annotation-card').first().boundingBox();
    assert.ok(firstCard.y < 844, `the first card starts at ${firstCard.y} px`);
    const small = await page.evaluate(() => [...document.querySelectorAll('.project-view button, .project-view select, .project-view input, .project-view a.btn, .project-view .card-viewer-link')]
      .filter((el) => el.offsetParent !== null && !el.closest('.sr-only'))
      .map((el) => ({ el: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`, ...el.getBoundingClientRect().toJSON() }))
      .filter((r) => r.height < 44 || r.width < 44)
      .map((r) => `${r.el} ${Math.round(r.width)}x${Math.round(r.height)}`));
    assert.deepEqual(small, []);
  } finally {
    await page.setViewportSize({ width: 1366, height: 860 });
  }
});

test('a toast never covers the card in focus: with a card at the bottom of the window it shows at the top', async () => {
  const { page, models } = demo;
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  await galleryState(page);
  const overlap = () => page.evaluate(() => {
    const f = document.activeElement.getBoundingClientRect();
    const t = document.getElementById('toast').getBoundingClientRect();
    return f.left < t.right && f.right > t.left && f.top < t.bottom && f.bottom > t.top;
  });
  // A card whose bottom edge is at the bottom of the window, where toasts show.
  const id = await page.evaluate(() => {
    const cards = [...document.querySelectorAll('.annotation-card')];
    const card = cards.find((c) => c.getBoundingClientRect().left < innerWidth / 2 + 100 && c.getBoundingClientRect().right > innerWidth / 2 - 100) ?? cards[0];
    const r = card.getBoundingClientRect();
    window.scrollBy(0, r.bottom - innerHeight + 10);
    card.focus({ preventScroll: true });
    return card.dataset.annotationId;
  });
  await page.evaluate(() => window.__demo.toast('Saved', 'success'));
  await page.waitForTimeout(400); // the transition
  assert.equal(await page.evaluate(() => document.activeElement.dataset.annotationId), id);
  assert.equal(await overlap(), false, 'the toast is not over the focused card');
  assert.equal(await page.evaluate(() => document.getElementById('toast').classList.contains('toast-top')), true);
  // With the focus high on the page, the toast keeps its place at the bottom.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.getElementById('gallery-sort').focus();
    window.__demo.toast('Saved again', 'success');
  });
  await page.waitForTimeout(400);
  assert.equal(await overlap(), false);
  assert.equal(await page.evaluate(() => document.getElementById('toast').classList.contains('toast-top')), false);
});
