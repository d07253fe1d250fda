// The slide viewer on the `large` dataset (10 images of about 10,000 annotations each): the
// 5,000 newest shapes of the view are drawn and the status says how many there are; zoomed in,
// every shape of the box is drawn; the keyboard pans the focused map. And the gallery sorted by
// area over the 100,000 annotations: cards show while they are listed, then the final order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, connect } from './demo-harness.mjs';
import { parseWkt, intersectsEnvelope } from '../../emulator/geometry.mjs';
import { annotationGis, physicalSizeX } from '../../emulator/serialize.mjs';
import { areaOrder } from '../../www/lib/area-order.js';

let demo;
let project;
let image;
let slide; // the abstract image: width and height
before(async () => {
  demo = await startDemo({ dataset: 'large' });
  await connect(demo.page, demo.server.url);
  project = demo.server.state.all('project').find((p) => p.name === 'Benchmark-Large');
  image = demo.server.state.imagesOfProject(project.id).sort((a, b) => a.id - b.id)[0];
  slide = demo.server.state.get('abstractimage', image.baseImage);
});
after(async () => {
  await demo?.close();
});

const refreshes = () => demo.page.evaluate(() => window.__viewer.refreshes);

test('the whole slide: the 5,000 newest of its annotations are drawn, and the status says so', async () => {
  const { page, server } = demo;
  await page.evaluate(([p, i]) => { location.hash = `#/project/${p}/image/${i}`; }, [project.id, image.id]);
  await page.waitForFunction(() => window.__viewer?.refreshes >= 1 && window.__viewer.slide.stats.firstTilesDrawnAt);
  const all = server.state.annotationIdsOfImage(image.id);
  assert.ok(all.length > 5000, `${all.length} annotations on the image`);
  const shown = await page.evaluate(() => window.__viewer.slide.shownIds().sort((a, b) => b - a));
  assert.deepEqual(shown, [...all].sort((a, b) => b - a).slice(0, 5000), 'the newest (highest ids) first, as the search orders them');
  const status = await page.locator('#viewer-status').textContent();
  assert.match(status.replace(/\s/g, ' '), new RegExp(`5,000 newest of ${all.length.toLocaleString('en-US')} annotations in view`));
});

test('zoomed in, every annotation of the box is drawn; arrow keys pan the focused map', async () => {
  const { page, server } = demo;
  let n = await refreshes();
  await page.evaluate(({ w, h }) => {
    const v = window.__viewer.slide.view;
    v.setCenter([w / 2, h / 2]);
    v.setResolution(8);
  }, { w: slide.width, h: slide.height });
  await page.waitForFunction((k) => window.__viewer.refreshes > k, n);
  const { bbox, shown } = await page.evaluate(() => ({ bbox: window.__viewer.lastQuery.bbox, shown: window.__viewer.slide.shownIds().sort((a, b) => a - b) }));
  const [minX, minY, maxX, maxY] = bbox.split(',').map(Number);
  const s = server.state;
  const expected = s.annotationIdsOfImage(image.id).filter((id) => intersectsEnvelope(parseWkt(s.get('annotation', id).location), { minX, minY, maxX, maxY })).sort((a, b) => a - b);
  assert.ok(expected.length > 0 && expected.length < 5000, `${expected.length} in the box`);
  assert.deepEqual(shown, expected);
  // Keyboard: focus the map, press the right arrow, the view moves right (x grows).
  const before = await page.evaluate(() => window.__viewer.slide.view.getCenter());
  n = await refreshes();
  await page.locator('#slide-map').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((k) => window.__viewer.refreshes > k, n);
  const after = await page.evaluate(() => window.__viewer.slide.view.getCenter());
  assert.ok(after[0] > before[0] && Math.abs(after[1] - before[1]) < 1, `${before} -> ${after}`);
  assert.deepEqual(demo.pageErrors, []);
});

test('the gallery sorted by largest area over 100,000 annotations is never empty while they are listed', async (t) => {
  const { page, server } = demo;
  await page.evaluate((p) => { location.hash = `#/project/${p}`; }, project.id);
  await page.locator('.annotation-card').first().waitFor({ timeout: 60000 });
  const chosenAt = Date.now();
  await page.locator('#gallery-sort').selectOption('largest');
  // While the listing runs: the first cards of what is listed so far, and the progress.
  await page.waitForFunction(() => {
    const g = document.querySelector('.gallery');
    return g.dataset.provisional === 'true' && document.querySelectorAll('#gallery .annotation-card').length === 48;
  }, null, { timeout: 60000 });
  const firstCardsMs = Date.now() - chosenAt;
  const during = await page.locator('#gallery-status-text').textContent();
  const match = /Listing annotations to sort them: ([\d,]+) of ([\d,]+)…/.exec(during);
  assert.ok(match, during);
  const [loaded, total] = [match[1], match[2]].map((x) => Number(x.replace(/,/g, '')));
  const s = server.state;
  const ids = s.annotationIdsOfProject(project.id);
  assert.equal(total, ids.length);
  assert.ok(loaded < total, `cards shown after ${loaded} of ${total} listed`);
  assert.match(during, /first of those listed so far/);
  // The end: the 48 largest in µm² (each image's calibration), in order.
  await page.waitForFunction(() => {
    const g = document.querySelector('.gallery');
    return g.dataset.provisional === 'false' && g.dataset.state !== 'loading' && g.dataset.total !== undefined;
  }, null, { timeout: 240000 });
  t.diagnostic(`largest area over ${total} annotations: first cards after ${firstCardsMs} ms, the final order after ${Date.now() - chosenAt} ms`);
  const imagesById = new Map(s.imagesOfProject(project.id).map((ii) => [ii.id, { physicalSizeX: physicalSizeX(s, ii) }]));
  const items = ids.map((id) => {
    const a = s.get('annotation', id);
    const { area, areaUnit } = annotationGis(s, a);
    return { id, image: a.image, area, areaUnit };
  });
  const expected = items.sort(areaOrder(imagesById).compare(1)).slice(0, 48).map((a) => a.id);
  const shown = await page.$$eval('#gallery .annotation-card', (bs) => bs.map((b) => Number(b.dataset.annotationId)));
  assert.deepEqual(shown.slice(0, 48), expected);
  assert.equal(await page.locator('.gallery').getAttribute('data-total'), String(ids.length));
  assert.deepEqual(demo.pageErrors, []);
});
