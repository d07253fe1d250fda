// A rejected call's stack names the user's calling function and the package method (issue 13):
// the wasm's rejection is re-stacked where JS awaits it, so V8's async stack traces show the
// awaiting chain instead of wasm-bindgen glue and `wasm-function[N]` frames. Chromium: see
// tests/browser/stack-frames.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Cytomine, CytomineError, Project, AnnotationCollection } from '../../js/index.js';
import { EXPECTED, assertFrames, closedPort } from '../support/stack-frames.mjs';

async function stackOf(call) {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof CytomineError, `expected a CytomineError, got ${error}`);
    assert.equal(error.kind, 'network');
    return error.stack;
  }
  assert.fail('the call did not reject');
}

test('a failed Project.fetch, project.fetchUsers() and AnnotationCollection.fetchAll() show the method and its caller', async () => {
  const cytomine = new Cytomine(`http://127.0.0.1:${await closedPort()}`, { core: '5.2', retries: 0 });
  try {
    async function openProject() {
      return await Project.fetch(5);
    }
    async function listMembers() {
      return await new Project({ id: 5 }).fetchUsers();
    }
    async function loadAnnotations() {
      return await AnnotationCollection.fetchAll({ project: 3 });
    }
    const calls = [openProject, listMembers, loadAnnotations];
    for (const [i, call] of calls.entries()) assertFrames(await stackOf(call), EXPECTED[i]);
  } finally {
    cytomine.free();
  }
});

test('classes built from declarations tag their instances with their own name', () => {
  assert.equal(Object.prototype.toString.call(new Project()), '[object Project]');
  assert.equal(Object.prototype.toString.call(new AnnotationCollection()), '[object AnnotationCollection]');
});

test("a declared method's frame is its own line of its generated module", async () => {
  const cytomine = new Cytomine(`http://127.0.0.1:${await closedPort()}`, { core: '5.2', retries: 0 });
  try {
    const frame = async (call, method) => {
      const line = (await stackOf(call)).split('\n').find((l) => l.includes(`at async Project.${method} (`));
      assert.ok(line, `no frame of Project.${method}`);
      return /\/js\/generated\/project\.js:(\d+):\d+\)$/.exec(line)?.[1];
    };
    const users = await frame(() => new Project({ id: 5 }).fetchUsers(), 'fetchUsers');
    const admins = await frame(() => new Project({ id: 5 }).fetchAdministrators(), 'fetchAdministrators');
    assert.ok(users && admins, 'frames in js/generated/project.js');
    assert.notEqual(users, admins);
    const source = readFileSync(new URL('../../js/generated/project.js', import.meta.url), 'utf8').split('\n');
    assert.match(source[Number(users) - 1], /send\(this, 'fetchUsers', 'GET project\/\{id\}\/user\.json'/);
    assert.match(source[Number(admins) - 1], /send\(this, 'fetchAdministrators', /);
  } finally {
    cytomine.free();
  }
});
