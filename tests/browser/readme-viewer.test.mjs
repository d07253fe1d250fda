// The README's OpenLayers example ("Viewer tiles") works as written: bundled with rolldown
// (`ol` from node_modules, the package from the gateway), run in Chromium against the emulator
// with only the connection and the image id added; its map must draw signed tiles of tissue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { start } from '../../emulator/server.mjs';
import { launchBrowser } from '../support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let server;
let browser;
let dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cytomine-readme-viewer-'));
  server = await start({ port: 0, dataset: 'demo', gateway: true, wwwDir: dir, packageDir: ROOT });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the README OpenLayers example shows the slide with signed tiles', async () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Viewer tiles'));
  const snippet = /```js\n([\s\S]*?)```/.exec(section)[1];
  assert.ok(snippet.split('\n').filter((l) => l.trim() && !l.startsWith('import')).length <= 10, 'ten lines of code after the imports');
  const alice = server.credentials.find((c) => c.username === 'alice');
  const project = server.state.all('project').find((p) => p.name === 'PANC-Biopsies');
  const imageId = server.state.imagesOfProject(project.id)[0].id;
  // Added: the connection (the README's quick start makes it) and the image id.
  const entry = [
    snippet.replace("from 'cytomine-wasm';", "from '/package/dist/cytomine-wasm.min.js';"),
    "import { Cytomine } from '/package/dist/cytomine-wasm.min.js';",
    `window.__map = map;`,
  ].join('\n').replace("const image = await ImageInstance.fetch(imageId);", `new Cytomine(location.origin, ${JSON.stringify({ publicKey: alice.publicKey, privateKey: alice.privateKey })});\nconst image = await ImageInstance.fetch(${imageId});`);
  writeFileSync(path.join(dir, 'entry.mjs'), entry);
  const bundle = await rolldown({ input: path.join(dir, 'entry.mjs'), cwd: ROOT, platform: 'browser', external: [/^\/package\//], logLevel: 'warn', resolve: { modules: [path.join(ROOT, 'node_modules')] } });
  await bundle.write({ file: path.join(dir, 'example.js'), format: 'es' });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><div id="map" style="width: 800px; height: 600px"></div><script type="module" src="example.js"></script>');

  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.__map && new Promise((resolve) => {
    window.__map.once('rendercomplete', () => resolve(true));
    window.__map.render();
  }), null, { timeout: 30000 });
  const stats = await page.evaluate(() => {
    const canvas = document.querySelector('#map canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0, tissue = 0;
    for (let i = 0; i < data.length; i += 4 * 5) {
      if (data[i + 3] === 0) continue;
      painted++;
      if (Math.min(data[i], data[i + 1], data[i + 2]) < 200) tissue++;
    }
    return { painted, tissue };
  });
  assert.deepEqual(errors, []);
  assert.ok(stats.tissue > 0.05 * stats.painted && stats.painted > 1000, JSON.stringify(stats));
  const tiles = server.requests.filter((r) => r.path.includes('/normalized-tile/'));
  assert.ok(tiles.length >= 1);
  assert.ok(tiles.every((r) => r.status === 200 && r.auth === 'apikey' && r.user === 'alice'), JSON.stringify(tiles.slice(0, 3)));
  await page.close();
});
