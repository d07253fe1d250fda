// In Chromium, a rejected call's stack names the package method and the page's calling function
// (issue 13; Node: tests/unit/stack-frames.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { start } from '../../emulator/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { EXPECTED, assertFrames, closedPort } from '../support/stack-frames.mjs';

const root = resolve(import.meta.dirname, '../..');
let gateway;
let browser;

before(async () => {
  gateway = await start({ dataset: 'demo', gateway: true, wwwDir: resolve(root, 'www'), packageDir: root });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await gateway?.close();
});

test('a failed Project.fetch, project.fetchUsers() and AnnotationCollection.fetchAll() show the method and its caller', async () => {
  const page = await browser.newPage();
  await page.goto(`${gateway.url}/server/ping.json`);
  const host = `http://127.0.0.1:${await closedPort()}`;
  const results = await page.evaluate(async (host) => {
    const { Cytomine, Project, AnnotationCollection } = await import('/package/js/index.js');
    new Cytomine(host, { core: '5.2', retries: 0, token: 't' });
    async function openProject() {
      return await Project.fetch(5);
    }
    async function listMembers() {
      return await new Project({ id: 5 }).fetchUsers();
    }
    async function loadAnnotations() {
      return await AnnotationCollection.fetchAll({ project: 3 });
    }
    const out = [];
    for (const call of [openProject, listMembers, loadAnnotations]) {
      try {
        await call();
        out.push({ resolved: true });
      } catch (error) {
        out.push({ name: error.name, kind: error.kind, stack: error.stack });
      }
    }
    return out;
  }, host);
  assert.equal(results.length, EXPECTED.length);
  for (const [i, result] of results.entries()) {
    assert.equal(result.name, 'CytomineError', JSON.stringify(result));
    assert.equal(result.kind, 'network', JSON.stringify(result));
    assertFrames(result.stack, EXPECTED[i]);
  }
  await page.close();
});
