// Leaks in Chromium: fetching and dropping 50 collections of 10,000 annotations leaves the JS
// heap and the WebAssembly memory within 2x of what they were after the first one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { start } from '../../emulator/server.mjs';
import { launchBrowser } from '../support/browser.mjs';

const root = resolve(import.meta.dirname, '../..');
let server;
let browser;
let www;

before(async () => {
  www = mkdtempSync(join(tmpdir(), 'cytomine-leaks-'));
  writeFileSync(join(www, 'index.html'), '<!doctype html><title>leaks</title>');
  server = await start({ dataset: 'large', gateway: true, wwwDir: www, packageDir: root });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(www, { recursive: true, force: true });
});

test('50 collections of 10,000 annotations fetched and dropped: memory stays within 2x', async () => {
  const alice = server.credentials.find((c) => c.username === 'alice');
  const project = server.state.all('project').find((p) => p.name === 'Benchmark-Large');
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasmBytes = await page.evaluate(() => window.cytomineModule.Cytomine.wasmMemoryBytes);
    return { heap: usedSize, wasm: wasmBytes };
  };
  await page.evaluate(async ({ publicKey, privateKey }) => {
    window.cytomineModule = await import('/package/js/index.js');
    window.cytomine = new window.cytomineModule.Cytomine(window.location.origin, { publicKey, privateKey });
  }, alice);
  const fetchAndDrop = (round) =>
    page.evaluate(async ({ project: id, round: r }) => {
      const { AnnotationCollection } = window.cytomineModule;
      const collection = new AnnotationCollection({ project: id, showTerm: true, showGIS: true, nbPerPage: 1000 });
      collection.max = 1000;
      // 10 pages of 1,000 from a different offset each round, then dropped.
      collection.offset = 0;
      let count = 0;
      for (let p = 0; p < 10; p++) {
        await collection.fetchPage((r * 10 + p) % 100);
        count += collection.length;
      }
      return count;
    }, { project: project.id, round });

  assert.equal(await fetchAndDrop(0), 10_000);
  const first = await measure();
  for (let round = 1; round < 50; round++) assert.equal(await fetchAndDrop(round), 10_000);
  const last = await measure();
  console.log(`# after 1: heap ${(first.heap / 1e6).toFixed(1)} MB, wasm ${(first.wasm / 1e6).toFixed(2)} MB; after 50: heap ${(last.heap / 1e6).toFixed(1)} MB, wasm ${(last.wasm / 1e6).toFixed(2)} MB`);
  assert.ok(last.heap <= 2 * first.heap, `JS heap grew from ${first.heap} to ${last.heap}`);
  assert.ok(last.wasm <= 2 * first.wasm, `wasm memory grew from ${first.wasm} to ${last.wasm}`);
});
