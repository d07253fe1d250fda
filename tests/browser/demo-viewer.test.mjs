// The slide viewer of the demo: tiles drawn (tissue, not blank), the shapes of a view equal the
// emulator's annotations in that box (also under the term, tag and review filters), the algorithm
// layers drawn are the emulator's task-run annotations, drawing a polygon creates an annotation with the drawn
// WKT (y up), modify / delete / undo, the position in the URL survives a reload, and "Open in
// viewer" from an annotation's detail centres on it. Checked through the API from Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo, connect, screenshot, galleryState } from './demo-harness.mjs';

// The README's screenshot of the viewer is refreshed from this test (as demo-browse does for the others).
const WWW_SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'screenshots');
import { parseWkt, intersectsEnvelope, envelope } from '../../emulator/geometry.mjs';

let demo;
let project;
let image;

before(async () => {
  demo = await startDemo();
  const { page, server, models } = demo;
  await connect(page, server.url);
  project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  const images = server.state.imagesOfProject(project.id).sort((a, b) => a.id - b.id);
  image = await models.ImageInstance.fetch(images[0].id);
});
after(async () => {
  await demo?.close();
});

/** Waits for the annotation refresh that follows a view change or an edit. */
async function waitRefresh(page, after) {
  await page.waitForFunction((n) => window.__viewer.refreshes > n, after);
}

const refreshes = () => demo.page.evaluate(() => window.__viewer.refreshes);

/** Zooms on the middle of the slide, where the box holds fewer than the drawing limit, and waits for its shapes. */
async function zoomOnMiddle(page) {
  const n = await refreshes();
  await page.evaluate(({ w, h }) => {
    const v = window.__viewer.slide.view;
    v.setCenter([w / 2, h / 2]);
    v.setResolution(16);
  }, { w: image.width, h: image.height });
  await waitRefresh(page, n);
}

/** The emulator's annotations of `image` whose geometry meets `box` (independent of the search route). */
function annotationsInBox(box) {
  const s = demo.server.state;
  return s.annotationIdsOfImage(image.id).filter((id) => intersectsEnvelope(parseWkt(s.get('annotation', id).location), box)).sort((a, b) => a - b);
}

test('opens from the image strip; tiles are drawn and are tissue (pixel check)', async () => {
  const { page } = demo;
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  await page.locator(`.open-viewer[data-image-id="${image.id}"]`).click();
  await page.waitForFunction(() => window.__viewer?.refreshes >= 1 && window.__viewer.slide.stats.firstTilesDrawnAt && window.__viewer.slide.stats.renders >= 1);
  const pixels = await page.evaluate(() => {
    const canvas = document.querySelector('#slide-map .slide-tiles canvas');
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let tissue = 0, painted = 0, red = 0, green = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {
      if (data[i + 3] === 0) continue;
      painted++;
      const min = Math.min(data[i], data[i + 1], data[i + 2]);
      if (min < 200) { tissue++; red += data[i]; green += data[i + 1]; }
      colours.add((data[i] >> 3) << 10 | (data[i + 1] >> 3) << 5 | (data[i + 2] >> 3));
    }
    return { width, height, painted, tissue, colours: colours.size, redOverGreen: red / Math.max(1, green), samples: Math.ceil(data.length / 28) };
  });
  assert.ok(pixels.painted > 0.3 * pixels.samples, `tiles cover the map (${pixels.painted}/${pixels.samples})`);
  assert.ok(pixels.tissue > 0.05 * pixels.painted, `tissue is drawn (${pixels.tissue}/${pixels.painted})`);
  assert.ok(pixels.colours > 50, `not blank: ${pixels.colours} colours`);
  assert.ok(pixels.redOverGreen > 1.1, `H&E: stained pixels are pink/purple (r/g ${pixels.redOverGreen.toFixed(2)})`);
  const stats = await page.evaluate(() => window.__viewer.slide.stats);
  assert.equal(stats.tilesFailed, 0);
  // Tiles went through the package: signed requests to normalized-tile, jpg like the web UI.
  const tiles = demo.server.requests.filter((r) => r.path.includes('/normalized-tile/'));
  assert.ok(tiles.length >= 1 && tiles.every((r) => r.status === 200 || r.status === 304) && tiles.every((r) => r.path.endsWith('.jpg')));
  assert.ok(tiles.every((r) => r.auth === 'apikey' && r.user === 'alice'));
  assert.match(await page.locator('.slide-overview').getAttribute('class'), /ol-overviewmap/);
  mkdirSync(WWW_SHOTS, { recursive: true });
  copyFileSync(await screenshot(page, '20-viewer'), path.join(WWW_SHOTS, 'viewer.png'));
});

test('the shapes drawn for a view are the emulator annotations in that box', async () => {
  const { page } = demo;
  await zoomOnMiddle(page);
  const { bbox, shown, total } = await page.evaluate(() => ({ bbox: window.__viewer.lastQuery.bbox, shown: window.__viewer.slide.shownIds().sort((a, b) => a - b), total: window.__viewer.total }));
  const [minX, minY, maxX, maxY] = bbox.split(',').map(Number);
  const expected = annotationsInBox({ minX, minY, maxX, maxY });
  assert.ok(expected.length > 0 && expected.length <= 5000, `${expected.length} annotations in the box`);
  assert.deepEqual(shown, expected);
  assert.equal(total, expected.length);
  // The box is the visible area, in Cytomine coordinates (y up): the centre of the slide is inside.
  assert.ok(minX < image.width / 2 && maxX > image.width / 2 && minY < image.height / 2 && maxY > image.height / 2);
  assert.match(await page.locator('#viewer-status').textContent(), new RegExp(`${expected.length} annotations? in view`));
  // Term filter: only that term's shapes.
  const termId = demo.server.state.termsOfOntology(project.ontology)[0].id;
  const m = await refreshes();
  await page.locator(`.viewer-term[data-term-id="${termId}"]`).click();
  await waitRefresh(page, m);
  const filtered = await page.evaluate(() => window.__viewer.slide.shownIds().sort((a, b) => a - b));
  const withTerm = expected.filter((id) => demo.server.state.termsOfAnnotation(id).some((at) => at.term === termId));
  assert.deepEqual(filtered, withTerm);
  assert.match(await page.evaluate(() => location.hash), new RegExp(`terms=${termId}`));
  const k = await refreshes();
  await page.locator(`.viewer-term[data-term-id="${termId}"]`).click();
  await waitRefresh(page, k);
});

/** Screen pixel (relative to the page) of slide coordinates. */
async function pagePixel(x, y) {
  const { page } = demo;
  const box = await page.locator('#slide-map').boundingBox();
  const [px, py] = await page.evaluate(([cx, cy]) => window.__viewer.slide.map.getPixelFromCoordinate([cx, cy]), [x, y]);
  return [box.x + px, box.y + py];
}

let created = null; // { id, points }

test('drawing a polygon creates an annotation with that WKT (y up) and the chosen term', async () => {
  const { page, models } = demo;
  await page.locator('.mode-button[data-mode="draw"]').click();
  const termId = demo.server.state.termsOfOntology(project.ontology)[1].id;
  await page.locator('#draw-term').selectOption(String(termId));
  const box = await page.locator('#slide-map').boundingBox();
  // A triangle on screen: the first two points at the top, the third lower.
  const screen = [[box.width * 0.4, box.height * 0.3], [box.width * 0.6, box.height * 0.3], [box.width * 0.5, box.height * 0.6]];
  const coords = await page.evaluate((pts) => pts.map((p) => window.__viewer.slide.map.getCoordinateFromPixel(p)), screen);
  const tolerance = 2 * (await page.evaluate(() => window.__viewer.slide.view.getResolution())); // 2 screen pixels
  for (const [x, y] of screen) await page.mouse.click(box.x + x, box.y + y);
  await page.mouse.click(box.x + screen[0][0], box.y + screen[0][1]); // close on the first point
  await page.waitForFunction(() => document.getElementById('slide-map').dataset.lastCreated);
  const id = Number(await page.locator('#slide-map').getAttribute('data-last-created'));
  const a = await models.Annotation.fetch(id);
  const ring = parseWkt(a.location).coordinates[0];
  assert.equal(ring.length, 4);
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(ring[i][0] - coords[i][0]) <= tolerance && Math.abs(ring[i][1] - coords[i][1]) <= tolerance, `vertex ${i}: ${ring[i]} vs ${coords[i]}`);
  }
  // Higher on screen is a larger y in Cytomine's coordinates.
  assert.ok(ring[0][1] > ring[2][1], 'y axis points up');
  assert.deepEqual(a.term, [termId]);
  assert.equal(a.image, image.id);
  created = { id, ring };
  await page.waitForFunction((i) => window.__viewer.slide.shownIds().includes(i), id);
  await screenshot(page, '21-viewer-drawn');
});

test('modify a vertex, undo it, delete the annotation, undo the deletion', async () => {
  assert.ok(created, 'the drawing test ran');
  const { page, models } = demo;
  await page.locator('.mode-button[data-mode="edit"]').click();
  const [cx, cy] = [(created.ring[0][0] + created.ring[1][0] + created.ring[2][0]) / 3, (created.ring[0][1] + created.ring[1][1] + created.ring[2][1]) / 3];
  const [sx, sy] = await pagePixel(cx, cy);
  await page.mouse.click(sx, sy);
  await page.waitForFunction((i) => document.getElementById('slide-map').dataset.selected === String(i), created.id);
  await page.waitForTimeout(600); // a press right after the click would be the second half of a double click
  // Drag the third vertex 40 px down.
  const [vx, vy] = await pagePixel(created.ring[2][0], created.ring[2][1]);
  const n = await refreshes();
  await page.mouse.move(vx, vy);
  await page.mouse.down();
  await page.mouse.move(vx + 10, vy + 20, { steps: 4 });
  await page.mouse.move(vx, vy + 40, { steps: 8 });
  await page.waitForTimeout(150); // let the last pointer move reach the interaction
  await page.mouse.up();
  await waitRefresh(page, n);
  const moved = parseWkt((await models.Annotation.fetch(created.id)).location).coordinates[0];
  const res = await page.evaluate(() => window.__viewer.slide.view.getResolution());
  const [ox, oy] = created.ring[2];
  assert.ok(moved.some(([x, y]) => Math.abs(x - ox) <= 3 * res && Math.abs(oy - 40 * res - y) <= 3 * res), `the third vertex moved 40 px down, y - ${40 * res}: ${JSON.stringify(moved)} from ${ox},${oy}`);
  assert.deepEqual(moved.slice(0, 2), created.ring.slice(0, 2), 'the other vertices stay');
  // Undo restores the drawn geometry.
  let m = await refreshes();
  await page.locator('#viewer-undo').click();
  await waitRefresh(page, m);
  const restored = parseWkt((await models.Annotation.fetch(created.id)).location).coordinates[0];
  assert.deepEqual(restored, created.ring);
  // Delete.
  m = await refreshes();
  await page.locator('#delete-annotation').click();
  await waitRefresh(page, m);
  await assert.rejects(models.Annotation.fetch(created.id), (e) => e.status === 404);
  assert.ok(!(await page.evaluate((i) => window.__viewer.slide.shownIds().includes(i), created.id)));
  // Undo the deletion: back on the server and on the slide.
  m = await refreshes();
  await page.locator('#viewer-undo').click();
  await waitRefresh(page, m);
  assert.equal((await models.Annotation.fetch(created.id)).id, created.id);
  assert.ok(await page.evaluate((i) => window.__viewer.slide.shownIds().includes(i), created.id));
  await page.locator('.mode-button[data-mode="navigate"]').click();
});

test('move a shape by dragging inside it, rotate it 15°, undo both', async () => {
  assert.ok(created, 'the drawing test ran');
  const { page, models } = demo;
  const ringOnServer = async () => parseWkt((await models.Annotation.fetch(created.id)).location).coordinates[0];
  assert.deepEqual(await ringOnServer(), created.ring);
  await page.locator('.mode-button[data-mode="edit"]').click();
  const [cx, cy] = [(created.ring[0][0] + created.ring[1][0] + created.ring[2][0]) / 3, (created.ring[0][1] + created.ring[1][1] + created.ring[2][1]) / 3];
  const [sx, sy] = await pagePixel(cx, cy);
  await page.mouse.click(sx, sy);
  await page.waitForFunction((i) => document.getElementById('slide-map').dataset.selected === String(i), created.id);
  assert.equal(await page.locator('.rotate-button').first().isDisabled(), false);
  await page.waitForTimeout(600); // not a double click
  // Drag from inside the shape 50 px right: every vertex moves 50 px × resolution in x.
  const res = await page.evaluate(() => window.__viewer.slide.view.getResolution());
  let n = await refreshes();
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  await page.mouse.move(sx + 20, sy, { steps: 4 });
  await page.mouse.move(sx + 50, sy, { steps: 8 });
  await page.waitForTimeout(150);
  await page.mouse.up();
  await waitRefresh(page, n);
  const moved = await ringOnServer();
  assert.equal(moved.length, created.ring.length);
  moved.forEach(([x, y], k) => {
    const [ox, oy] = created.ring[k];
    assert.ok(Math.abs(x - (ox + 50 * res)) <= 2 * res && Math.abs(y - oy) <= 2 * res, `vertex ${k}: ${x},${y} from ${ox},${oy} (+${50 * res} in x)`);
  });
  // Rotate 15° counter-clockwise around the centre of the extent (Cytomine's y axis points up).
  n = await refreshes();
  await page.locator('.rotate-button[data-degrees="15"]').click();
  await waitRefresh(page, n);
  const rotated = await ringOnServer();
  const xs = moved.map((p) => p[0]), ys = moved.map((p) => p[1]);
  const [mx, my] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  const a = (15 * Math.PI) / 180;
  rotated.forEach(([x, y], k) => {
    const [px, py] = moved[k];
    const ex = mx + (px - mx) * Math.cos(a) - (py - my) * Math.sin(a);
    const ey = my + (px - mx) * Math.sin(a) + (py - my) * Math.cos(a);
    assert.ok(Math.abs(x - ex) <= 0.02 && Math.abs(y - ey) <= 0.02, `vertex ${k}: ${x},${y} expected ${ex},${ey}`);
  });
  // Undo twice: the rotation, then the move.
  for (const expected of [moved, created.ring]) {
    n = await refreshes();
    await page.locator('#viewer-undo').click();
    await waitRefresh(page, n);
    assert.deepEqual(await ringOnServer(), expected);
  }
  await page.locator('.mode-button[data-mode="navigate"]').click();
  assert.equal(await page.locator('.rotate-button').first().isDisabled(), true);
});

test('the position in the URL survives a reload (after reconnecting)', async () => {
  const { page, server } = demo;
  const n = await refreshes();
  await page.evaluate(() => {
    const v = window.__viewer.slide.view;
    v.setCenter([3000, 2500]);
    v.setResolution(4);
  });
  await waitRefresh(page, n);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /x=3000&y=2500&zoom=/);
  await page.reload();
  await page.locator('#connect-button').click();
  await page.waitForFunction(() => window.__viewer?.refreshes >= 1);
  const after = await page.evaluate(() => ({ center: window.__viewer.slide.view.getCenter(), resolution: window.__viewer.slide.view.getResolution() }));
  assert.deepEqual(after.center.map(Math.round), [3000, 2500]);
  assert.ok(Math.abs(after.resolution - 4) < 0.05, `resolution ${after.resolution}`);
  assert.equal(server.url + '/' + hash, page.url());
});

test('"Open in viewer" from an annotation detail centres on it', async () => {
  const { page, models } = demo;
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, project.id);
  const { ids } = await galleryState(page);
  await page.locator(`.annotation-card[data-annotation-id="${ids[0]}"]`).click();
  await page.locator('#open-in-viewer').click();
  await page.waitForFunction(() => window.__viewer?.refreshes >= 1 && document.querySelector('.viewer-view'));
  const a = await models.Annotation.fetch(ids[0]);
  const env = envelope(parseWkt(a.location));
  const center = await page.evaluate(() => window.__viewer.slide.view.getCenter());
  assert.ok(Math.abs(center[0] - (env.minX + env.maxX) / 2) < 2 && Math.abs(center[1] - (env.minY + env.maxY) / 2) < 2, `centre ${center} on the annotation`);
  assert.equal(await page.locator('#slide-map').getAttribute('data-selected'), String(a.id));
  assert.equal(await page.locator('.viewer-view').getAttribute('data-image-id'), String(a.image));
  assert.deepEqual(demo.pageErrors, []);
});

test('the viewer applies the tag and review filters: the shapes equal the emulator\'s annotations of the box under each filter', async () => {
  const { page, models, server } = demo;
  const s = server.state;
  const UA = 'be.cytomine.domain.ontology.UserAnnotation';
  await page.evaluate(([p, i]) => { location.hash = `#/project/${p}/image/${i}`; }, [project.id, image.id]);
  await page.waitForFunction((id) => window.__viewer?.refreshes >= 1 && document.querySelector('.viewer-view')?.dataset.imageId === String(id), image.id);
  await zoomOnMiddle(page);
  const bbox = await page.evaluate(() => window.__viewer.lastQuery.bbox);
  const [minX, minY, maxX, maxY] = bbox.split(',').map(Number);
  const inBox = annotationsInBox({ minX, minY, maxX, maxY });
  assert.ok(inBox.length >= 4, `${inBox.length} annotations in the box`);
  const shownIds = () => page.evaluate(() => window.__viewer.slide.shownIds().sort((a, b) => a - b));
  /** Clicks `locator` and waits for the refresh it causes. */
  const clickAndWait = async (locator) => {
    const m = await refreshes();
    await page.locator(locator).click();
    await waitRefresh(page, m);
  };

  // Tags: one annotation of the box tagged "teaching" through the API, then the viewer's tag toggle.
  const teaching = (await models.TagCollection.fetchAll()).array.find((t) => t.name === 'teaching');
  const tagsOf = (id) => s.byDomain('tagdomainassociation', UA, id).map((x) => s.get('tagdomainassociation', x).tag);
  if (!inBox.some((id) => tagsOf(id).includes(teaching.id))) await new models.TagDomainAssociation({ tag: teaching.id }, await models.Annotation.fetch(inBox[0])).save();
  await page.locator(`.viewer-tag[data-tag-id="${teaching.id}"]`).waitFor();
  await clickAndWait(`.viewer-tag[data-tag-id="${teaching.id}"]`);
  const tagged = inBox.filter((id) => tagsOf(id).includes(teaching.id));
  assert.ok(tagged.length >= 1 && tagged.length < inBox.length);
  assert.deepEqual(await shownIds(), tagged);
  assert.match(await page.evaluate(() => location.hash), new RegExp(`[?&]tags=${teaching.id}(&|$)`));
  await clickAndWait('.viewer-tag[data-tag-id="none"]'); // "or no tag"
  assert.deepEqual(await shownIds(), inBox.filter((id) => tagsOf(id).includes(teaching.id) || tagsOf(id).length === 0));
  await clickAndWait('.viewer-tag[data-tag-id="none"]');
  await clickAndWait(`.viewer-tag[data-tag-id="${teaching.id}"]`);
  assert.deepEqual(await shownIds(), inBox);

  // Review: alice reviews the image and accepts two annotations of the box.
  await (await models.ImageInstance.fetch(image.id)).review();
  for (const id of inBox.slice(0, 2)) await (await models.Annotation.fetch(id)).review();
  const parents = new Set(s.all('reviewedannotation').map((r) => r.parentIdent));
  await clickAndWait('#viewer-not-reviewed');
  assert.deepEqual(await shownIds(), inBox.filter((id) => !parents.has(id)));
  assert.equal(await page.evaluate(() => window.__viewer.lastQuery.notReviewedOnly), true);
  assert.match(await page.evaluate(() => location.hash), /[?&]notReviewed=1/);
  // "Reviewed only": the reviewed copies (their own ids) whose geometry meets the box; the two exclude each other.
  await clickAndWait('#viewer-reviewed');
  const reviewedInBox = s.all('reviewedannotation').filter((r) => r.image === image.id && intersectsEnvelope(parseWkt(r.location), { minX, minY, maxX, maxY })).map((r) => r.id).sort((a, b) => a - b);
  assert.equal(reviewedInBox.length, 2);
  assert.deepEqual(await shownIds(), reviewedInBox);
  assert.equal(await page.locator('#viewer-not-reviewed').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('#viewer-reviewed').getAttribute('aria-pressed'), 'true');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /[?&]reviewed=1/);
  assert.doesNotMatch(hash, /notReviewed=/);
  // The reviewed copies are read-only here: no drawing or editing until the filter is off.
  assert.equal(await page.locator('#viewer-reviewed-note').isVisible(), true);
  for (const m of ['draw', 'edit']) assert.equal(await page.locator(`.mode-button[data-mode="${m}"]`).isDisabled(), true);
  assert.equal(await page.locator('#slide-map').getAttribute('data-mode'), 'navigate');
  // The filter survives a reload (after reconnecting), as the position does.
  await page.reload();
  await page.locator('#connect-button').click();
  await page.waitForFunction(() => window.__viewer?.refreshes >= 1);
  assert.deepEqual(await shownIds(), reviewedInBox);
  assert.equal(await page.locator('#viewer-reviewed').getAttribute('aria-pressed'), 'true');
  await clickAndWait('#viewer-reviewed');
  assert.deepEqual(await shownIds(), inBox);
  assert.equal(await page.locator('#viewer-reviewed-note').isVisible(), false);
  for (const m of ['draw', 'edit']) assert.equal(await page.locator(`.mode-button[data-mode="${m}"]`).isDisabled(), false);
  // No algorithm annotation filter: the viewer says why (today's core, as the demo runs).
  assert.match(await page.locator('.viewer-side .algo-note').textContent(), /Algorithm annotations: not in the annotation search\. Today's core lists only user and reviewed annotations there/);
  assert.deepEqual(demo.pageErrors, []);
});

test('algorithm layers (App Engine results, today\'s core): the shapes drawn are the emulator\'s layer annotations; in the URL', async () => {
  const { page, server } = demo;
  const s = server.state;
  const [trl] = s.all('taskrunlayer');
  assert.equal(trl.image, image.id, 'the demo dataset\'s task run is on this image');
  const layer = s.get('annotationlayer', trl.layer);
  const stored = s.all('layerannotation').filter((a) => a.layer === layer.id);
  await page.evaluate(([p, i]) => { location.hash = `#/project/${p}/image/${i}`; }, [project.id, image.id]);
  await page.waitForFunction((id) => window.__viewer?.refreshes >= 1 && document.querySelector('.viewer-view')?.dataset.imageId === String(id), image.id);
  const toggleSel = `.viewer-layer[data-layer-id="${layer.id}"]`;
  assert.equal(await page.locator(toggleSel).textContent(), layer.name);
  assert.equal(await page.locator(toggleSel).getAttribute('aria-pressed'), 'false');
  const drawn = () => page.evaluate(() => {
    const v = window.__viewer;
    const source = v.slide.map.getLayers().getArray().find((l) => l.getSource?.()?.getFeatures && l.getSource().getFeatures().some((f) => String(f.getId()).includes(':')))?.getSource();
    return (source?.getFeatures() ?? []).map((f) => [f.getId(), v.slide.wkt.writeFeature(f)]).sort();
  });
  let n = await page.evaluate(() => window.__viewer.algorithmRefreshes);
  await page.locator(toggleSel).click();
  await page.waitForFunction((k) => window.__viewer.algorithmRefreshes > k, n);
  const shapes = await drawn();
  assert.deepEqual(shapes.map(([id]) => id), stored.map((a) => `${layer.id}:${a.id}`).sort());
  // the geometry drawn is the stored WKT (decoded from core's base64 bytes), vertex by vertex
  const byId = new Map(stored.map((a) => [`${layer.id}:${a.id}`, a.location]));
  for (const [id, wkt] of shapes) assert.deepEqual(parseWkt(wkt), parseWkt(byId.get(id)), id);
  assert.equal(await page.locator('#viewer-layers-status').textContent(), `${layer.name}: ${stored.length} shapes`);
  assert.match(await page.evaluate(() => location.hash), new RegExp(`[?&]layers=${layer.id}(&|$)`));
  // a reload (after reconnecting) shows the layer again
  await page.reload();
  await page.locator('#connect-button').click();
  await page.waitForFunction(() => window.__viewer?.algorithmRefreshes >= 1 && window.__viewer.algorithmShown > 0);
  assert.equal((await drawn()).length, stored.length);
  assert.equal(await page.locator(toggleSel).getAttribute('aria-pressed'), 'true');
  n = await page.evaluate(() => window.__viewer.algorithmRefreshes);
  await page.locator(toggleSel).click();
  await page.waitForFunction((k) => window.__viewer.algorithmRefreshes > k, n);
  assert.deepEqual(await drawn(), []);
  assert.doesNotMatch(await page.evaluate(() => location.hash), /layers=/);
  // a layer id the server does not list (an old link) is dropped from the URL
  await page.evaluate(([p, i]) => { location.hash = `#/project/${p}/image/${i}?layers=999999999`; }, [project.id, image.id]);
  await page.waitForFunction(() => window.__viewer?.algorithmRefreshes >= 1 && !/layers=/.test(location.hash));
  assert.equal(await page.locator(toggleSel).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await drawn(), []);
  // its requests: the two layer routes, signed
  const paths = server.requests.filter((r) => r.path.includes('annotation-layers'));
  assert.ok(paths.some((r) => r.path === `/api/image-instances/${image.id}/annotation-layers` && r.status === 200 && r.user === 'alice'));
  assert.ok(paths.some((r) => r.path === `/api/annotation-layers/${layer.id}/annotations` && r.status === 200 && r.user === 'alice'));
  assert.deepEqual(demo.pageErrors, []);
});
