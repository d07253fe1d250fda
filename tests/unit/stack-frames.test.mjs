// A rejected call's stack names the user's calling function and the package method (issue 13):
// the wasm's rejection is re-stacked where JS awaits it, so V8's async stack traces show the
// awaiting chain instead of wasm-bindgen glue and `wasm-function[N]` frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Cytomine, CytomineError, Project, AnnotationCollection } from '../../js/index.js';

/** A port nothing listens on (bound, then closed), so every request fails with ECONNREFUSED. */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function stackOf(call) {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof CytomineError, `expected a CytomineError, got ${error}`);
    assert.equal(error.kind, 'network');
    return error.stack.split('\n');
  }
  assert.fail('the call did not reject');
}

/** Asserts that `first` appears in the stack before `second`, and no wasm frame is left. */
function assertFrames(lines, first, second) {
  const at = (name) => lines.findIndex((line) => new RegExp(`^\\s+at (async )?${name.replace('.', '\\.')} \\(`).test(line));
  assert.ok(at(first) > 0, `no frame of ${first} in:\n${lines.join('\n')}`);
  assert.ok(at(second) > at(first), `no frame of ${second} after ${first} in:\n${lines.join('\n')}`);
  assert.ok(!lines.some((line) => line.includes('wasm-function')), `wasm frames left in:\n${lines.join('\n')}`);
  assert.match(lines[0], /^CytomineError: could not connect to the server/);
}

test('a failed Project.fetch, project.fetchUsers() and AnnotationCollection.fetchAll() show the method and its caller', async () => {
  const cytomine = new Cytomine(`http://127.0.0.1:${await closedPort()}`, { core: '5.2', retries: 0 });
  try {
    async function openProject() {
      return await Project.fetch(5);
    }
    assertFrames(await stackOf(openProject), 'Project.fetch', 'openProject');

    async function listMembers() {
      return await new Project({ id: 5 }).fetchUsers();
    }
    assertFrames(await stackOf(listMembers), 'Project.fetchUsers', 'listMembers');

    async function loadAnnotations() {
      return await AnnotationCollection.fetchAll({ project: 3 });
    }
    assertFrames(await stackOf(loadAnnotations), 'AnnotationCollection.fetchAll', 'loadAnnotations');
  } finally {
    cytomine.free();
  }
});

test('classes built from declarations tag their instances with their own name', () => {
  assert.equal(Object.prototype.toString.call(new Project()), '[object Project]');
  assert.equal(Object.prototype.toString.call(new AnnotationCollection()), '[object AnnotationCollection]');
});
