// On both cores (5.2 and today's): the demo has no algorithm-annotation toggle in the gallery and
// says why (neither core's annotation search lists algorithm annotations; App Engine results are
// annotation layers, in the viewer on today's core), and the slide viewer applies
// the review filters from its URL: the shapes drawn equal the emulator's annotations of the view
// under "Not reviewed yet" and "Reviewed only".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, connect } from './demo-harness.mjs';
import { parseWkt, intersectsEnvelope } from '../../emulator/geometry.mjs';

for (const core of ['5.2', '2026']) {
  test(`core ${core}: the algorithm-annotation note instead of a toggle, and the viewer's review filters`, async () => {
    const demo = await startDemo({ core });
    try {
      const { page, server, models } = demo;
      const s = server.state;
      await connect(page, server.url);
      const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
      await page.locator(`.project-card[data-project-id="${project.id}"]`).click();
      await page.waitForFunction((n) => document.querySelector('.gallery')?.dataset.total === String(n), s.annotationIdsOfProject(project.id).length);
      const note = page.locator('.sidebar .algo-note');
      assert.equal(await note.getAttribute('data-core'), core);
      const name = core === '5.2' ? 'Core 5.2' : "Today's core";
      const where = core === '2026' ? 'the slide viewer shows them ("Algorithm layers")' : "the demo's slide viewer shows them on today's core";
      assert.equal(await note.textContent(), `Algorithm annotations: not in the annotation search. ${name} lists only user and reviewed annotations there; App Engine results are annotation layers of an image: ${where}.`);
      assert.equal(await page.locator('button', { hasText: /algorithm/i }).count(), 0, 'no algorithm toggle');
      assert.ok(!server.requests.some((r) => /includeAlgo|showAlgo|AlgoTerm/.test(r.path + (r.query ?? ''))));

      // The viewer of the first image, opened with "Reviewed only" in its URL.
      const image = s.imagesOfProject(project.id).sort((a, b) => a.id - b.id)[0];
      await (await models.ImageInstance.fetch(image.id)).review();
      const onImage = s.annotationIdsOfImage(image.id);
      for (const id of onImage.slice(0, 3)) await (await models.Annotation.fetch(id)).review();
      await page.evaluate(([p, i]) => { location.hash = `#/project/${p}/image/${i}?reviewed=1`; }, [project.id, image.id]);
      await page.waitForFunction(() => window.__viewer?.refreshes >= 1 && document.querySelector('.viewer-view'));
      const view = async () => {
        const bbox = await page.evaluate(() => window.__viewer.lastQuery.bbox);
        const [minX, minY, maxX, maxY] = bbox.split(',').map(Number);
        return { minX, minY, maxX, maxY };
      };
      const shown = () => page.evaluate(() => window.__viewer.slide.shownIds().sort((a, b) => a - b));
      let box = await view();
      const meets = (location) => intersectsEnvelope(parseWkt(location), box);
      const reviewed = s.all('reviewedannotation').filter((r) => r.image === image.id && meets(r.location)).map((r) => r.id).sort((a, b) => a - b);
      assert.equal(reviewed.length, 3);
      assert.deepEqual(await shown(), reviewed);
      assert.equal(await page.locator('#viewer-reviewed').getAttribute('aria-pressed'), 'true');
      assert.match(await page.locator('.viewer-side .algo-note').textContent(), new RegExp(`^Algorithm annotations: not in the annotation search\\. ${name}`));
      // the image's algorithm layers: listed on today's core (core 5.2's JSON for them is not established)
      if (core === '2026') await page.locator('.viewer-layer').first().waitFor();
      else assert.equal(await page.locator('#viewer-layers').count(), 0);
      // "Not reviewed yet": the user annotations of the view that were not accepted.
      const n = await page.evaluate(() => window.__viewer.refreshes);
      await page.locator('#viewer-not-reviewed').click();
      await page.waitForFunction((k) => window.__viewer.refreshes > k, n);
      box = await view();
      const parents = new Set(s.all('reviewedannotation').map((r) => r.parentIdent));
      const expected = onImage.filter((id) => !parents.has(id) && meets(s.get('annotation', id).location)).sort((a, b) => a - b);
      assert.ok(expected.length > 0 && expected.length < onImage.length);
      assert.deepEqual(await shown(), expected);
      assert.equal(await page.locator('#viewer-reviewed').getAttribute('aria-pressed'), 'false');
      assert.match(await page.evaluate(() => location.hash), /[?&]notReviewed=1/);
      assert.deepEqual(demo.pageErrors, []);
    } finally {
      await demo.close();
    }
  });
}
