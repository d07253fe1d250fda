// maxResponseBytes covers every answer, binary ones too: a gzip bomb (a small compressed body
// with a truthful compressed Content-Length that decodes to 256 MiB) and an endless chunked body
// (no Content-Length) are refused as too-large for each response type (json, text, blob,
// arraybuffer) and for the image helpers (fetchCrop, fetchThumb), with the package's Node
// transport and with Node's global fetch; the decoded bytes are counted while streaming, so
// memory stays bounded. Answers under the limit still arrive whole and exact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { gzipZeros } from '../support/gzip-bomb.mjs';
import { Cytomine } from '../../js/index.js';

const LIMIT = 1024 * 1024;
const BOMB_MIB = 256;
let bomb; // gzip of 256 MiB of zeros (~256 kB)
let server;
let url;
let mode = 'bomb';
const small = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));

before(async () => {
  bomb = await gzipZeros(BOMB_MIB);
  server = http.createServer((req, res) => {
    const type = req.url.includes('.png') ? 'image/png' : req.url.includes('.json') ? 'application/json' : 'application/octet-stream';
    if (mode === 'bomb') {
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    } else if (mode === 'chunked') {
      // Endless: 64 kB chunks until the client goes away.
      res.writeHead(200, { 'content-type': type });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.destroy());
      pump();
    } else if (mode === 'small-gzip') {
      const packed = gzipSync(small);
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': packed.length });
      res.end(packed);
    } else {
      res.writeHead(200, { 'content-type': type });
      res.write(small.subarray(0, 1000));
      setTimeout(() => res.end(small.subarray(1000)), 5);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

/** Every way of reading an answer, on a connection. */
const readers = (c) => ({
  json: () => c.request('GET', 'project/1.json'),
  text: () => c.request('GET', 'project/1.json', { responseType: 'text' }),
  blob: () => c.request('GET', 'attachedfile/1/download', { responseType: 'blob' }),
  arraybuffer: () => c.request('GET', 'attachedfile/1/download', { responseType: 'arraybuffer' }),
  fetchCrop: () => new c.models.Annotation({ id: 1 }).fetchCrop(),
  fetchThumb: () => new c.models.ImageInstance({ id: 1 }).fetchThumb(),
});

const transports = { 'node transport': undefined, 'global fetch': globalThis.fetch };

for (const [transportName, fetch] of Object.entries(transports)) {
  for (const body of ['bomb', 'chunked']) {
    test(`${transportName}: ${body === 'bomb' ? `a gzip bomb (${BOMB_MIB} MiB decoded)` : 'an endless chunked body'} is refused for every response type`, async () => {
      mode = body;
      const c = new Cytomine(url, { token: 'a-token', maxResponseBytes: LIMIT, retries: 0, timeoutMs: 20_000, fetch });
      for (const [name, read] of Object.entries(readers(c))) {
        const buffersBefore = process.memoryUsage().arrayBuffers;
        let outcome;
        try {
          const value = await read();
          outcome = { resolved: value?.size ?? value?.byteLength ?? value?.length ?? typeof value };
        } catch (e) {
          outcome = { kind: e.kind, message: e.message };
        }
        assert.equal(outcome.kind, 'too-large', `${name}: ${JSON.stringify(outcome)}`);
        assert.match(outcome.message, /larger than the limit of 1048576 bytes \(option maxResponseBytes\)/);
        const grown = process.memoryUsage().arrayBuffers - buffersBefore;
        assert.ok(grown < 64 * 1024 * 1024, `${name}: ${(grown / 2 ** 20).toFixed(0)} MiB of buffers kept`);
      }
    });
  }

  test(`${transportName}: answers under the limit arrive whole, gzip or chunked`, async () => {
    const c = new Cytomine(url, { token: 'a-token', maxResponseBytes: LIMIT, retries: 0, fetch });
    for (const body of ['small-gzip', 'small-chunked']) {
      mode = body;
      const r = readers(c);
      const blob = await r.blob();
      assert.equal(blob.type, 'application/octet-stream', body);
      assert.deepEqual(Buffer.from(await blob.arrayBuffer()), small, body);
      const crop = await r.fetchCrop();
      assert.equal(crop.type, 'image/png', body);
      assert.equal(crop.size, small.length, body);
      const buffer = await r.arraybuffer();
      assert.ok(buffer instanceof ArrayBuffer, body);
      assert.deepEqual(Buffer.from(buffer), small, body);
      assert.equal((await r.text()).length, new TextDecoder().decode(small).length, body);
    }
  });
}
