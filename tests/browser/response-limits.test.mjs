// maxResponseBytes in Chromium, across origins: a cross-origin answer hides Content-Encoding
// (not exposed by the server), so its compressed Content-Length says nothing of the decoded size.
// A gzip bomb (a truthful 256 kB Content-Length, 256 MiB decoded) is refused as too-large for
// fetchCrop(), fetchThumb(), blob, arraybuffer, text and JSON; a small gzip answer arrives whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { gzipZeros } from '../support/gzip-bomb.mjs';
import { start } from '../../emulator/server.mjs';
import { launchBrowser } from '../support/browser.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
let pages;
let hostile;
let bomb;
let browser;
let page;
const small = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 253));

before(async () => {
  bomb = await gzipZeros(256);
  const smallPacked = gzipSync(small);
  hostile = http.createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, dateFull, Content-Type' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const body = req.url.includes('small') ? smallPacked : bomb;
    const type = req.url.includes('.png') ? 'image/png' : req.url.includes('.json') ? 'application/json' : 'application/octet-stream';
    res.writeHead(200, { ...cors, 'Content-Type': type, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  pages = await start({ dataset: 'empty', gateway: true, wwwDir: path.join(ROOT, 'www'), packageDir: ROOT });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${pages.url}/server/ping.json`);
});

after(async () => {
  await browser?.close();
  await pages?.close();
  hostile?.closeAllConnections();
  hostile?.close();
});

test('a cross-origin gzip bomb is refused for every response type and image helper', async () => {
  const out = await page.evaluate(async (api) => {
    const { Cytomine } = await import('/package/js/index.js');
    const c = new Cytomine(api, { token: 'a-token', maxResponseBytes: 1024 * 1024, retries: 0 });
    const reads = {
      fetchCrop: () => new c.models.Annotation({ id: 1 }).fetchCrop(),
      fetchThumb: () => new c.models.ImageInstance({ id: 1 }).fetchThumb(),
      blob: () => c.request('GET', 'attachedfile/1/download', { responseType: 'blob' }),
      arraybuffer: () => c.request('GET', 'attachedfile/1/download', { responseType: 'arraybuffer' }),
      text: () => c.request('GET', 'project/1.json', { responseType: 'text' }),
      json: () => c.request('GET', 'project/1.json'),
    };
    const results = {};
    for (const [name, read] of Object.entries(reads)) {
      try {
        const v = await read();
        results[name] = { size: v?.size ?? v?.byteLength ?? v?.length };
      } catch (e) {
        results[name] = { kind: e.kind, message: e.message };
      }
    }
    const crop = await new c.models.Annotation({ id: 1 }).fetchCrop({ small: 1 });
    results.smallCrop = { size: crop.size, type: crop.type, bytes: [...new Uint8Array(await crop.arrayBuffer())].slice(0, 300) };
    return results;
  }, `http://127.0.0.1:${hostile.address().port}`);
  for (const name of ['fetchCrop', 'fetchThumb', 'blob', 'arraybuffer', 'text', 'json']) {
    assert.equal(out[name].kind, 'too-large', `${name}: ${JSON.stringify(out[name])}`);
    assert.match(out[name].message, /larger than the limit of 1048576 bytes/);
  }
  assert.equal(out.smallCrop.size, small.length);
  assert.equal(out.smallCrop.type, 'image/png');
  assert.deepEqual(out.smallCrop.bytes, [...small.subarray(0, 300)]);
});
