// The demo puts server data into links and styles: a hostile or broken server must not turn them
// into script or requests. An `imageURL` that is not http(s) (`javascript:`) gives no link, and a
// term colour that is not a plain hex colour (`url(http://…)`) is shown in a neutral grey, so no
// viewer's browser fetches it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startDemo, connect, galleryState } from './demo-harness.mjs';

let demo;
let tracker;
const hits = [];
let imageURL = 'javascript:window.__pwned=1';

/** Rewrites every `imageURL` of a JSON answer. */
function rewrite(value) {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'imageURL' ? imageURL : rewrite(v)]));
  }
  return value;
}

before(async () => {
  tracker = http.createServer((req, res) => {
    hits.push(req.url);
    res.end();
  });
  await new Promise((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  demo = await startDemo();
  // Hostile colours on the server itself, one plain colour kept as a control.
  const project = demo.server.state.all('project').find((p) => p.name === 'PANC-Biopsies');
  const terms = demo.server.state.all('term').filter((t) => t.ontology === project.ontology);
  assert.ok(terms.length >= 3);
  terms.forEach((t, i) => {
    t.color = i === 0 ? '#ff0000' : i % 2 ? `url(http://127.0.0.1:${tracker.address().port}/term-${t.id})` : `#ff0000;background:url(http://127.0.0.1:${tracker.address().port}/x)`;
  });
  demo.server.state.version++;
  await demo.page.route('**/api/**', async (route) => {
    const response = await route.fetch();
    if (!(response.headers()['content-type'] ?? '').includes('json')) return route.fulfill({ response });
    return route.fulfill({ response, json: rewrite(await response.json()) });
  });
});

after(async () => {
  await demo?.close();
  tracker?.close();
});

test('term colours that are not plain colours are shown neutral and never fetched', async () => {
  const { page, server, models } = demo;
  await connect(page, server.url);
  const project = (await models.ProjectCollection.fetchAll()).array.find((p) => p.name === 'PANC-Biopsies');
  await page.locator(`.project-card[data-project-id="${project.id}"]`).click();
  await galleryState(page);
  await page.locator('.term-dot').first().waitFor();
  const styles = await page.evaluate(() => [...document.querySelectorAll('[style]')].map((e) => e.getAttribute('style')));
  assert.ok(styles.length > 5);
  for (const style of styles) assert.ok(!/url\(/i.test(style), style);
  assert.ok(styles.some((s) => s.includes('#9e9e9e')), 'hostile colours shown neutral');
  assert.ok(styles.some((s) => s.includes('#ff0000') && !s.includes('background')), 'a plain colour is kept');
  await page.waitForTimeout(300);
  assert.deepEqual(hits, []);
});

test('an imageURL that is not http(s) gives no link; an https one does', async () => {
  const { page } = demo;
  const { ids } = await galleryState(page);
  await page.locator(`.annotation-card[data-annotation-id="${ids[0]}"]`).click();
  await page.locator('#annotation-detail').waitFor();
  await page.locator('#detail-title').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#open-in-cytomine').count(), 0);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // Control: a real viewer URL still gives the link.
  imageURL = 'https://cytomine.example.org/#/project/1/image/2/annotation/3';
  await page.locator('button[aria-label="Next annotation"]').click();
  await page.locator('#open-in-cytomine').waitFor();
  assert.equal(await page.getAttribute('#open-in-cytomine', 'href'), imageURL);
});
