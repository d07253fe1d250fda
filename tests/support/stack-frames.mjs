// Shared by the Node and Chromium stack-frame tests (issue 13): the calls that fail, and what
// their stacks must show.
import assert from 'node:assert/strict';
import net from 'node:net';

/** A port nothing listens on (bound, then closed), so every request fails to connect. */
export async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** For each failing call: the package method's frame, and the user's function that awaited it. */
export const EXPECTED = [
  { method: 'Project.fetch', caller: 'openProject' },
  { method: 'Project.fetchUsers', caller: 'listMembers' },
  { method: 'AnnotationCollection.fetchAll', caller: 'loadAnnotations' },
];

/** Asserts that `method`'s frame comes before `caller`'s and that no wasm frame is left. */
export function assertFrames(stack, { method, caller }) {
  const lines = stack.split('\n');
  const at = (name) => lines.findIndex((line) => new RegExp(`^\\s+at (async )?${name.replace('.', '\\.')} \\(`).test(line));
  assert.match(lines[0], /^CytomineError: /);
  assert.ok(at(method) > 0, `no frame of ${method} in:\n${stack}`);
  assert.ok(at(caller) > at(method), `no frame of ${caller} after ${method} in:\n${stack}`);
  assert.ok(!lines.some((line) => line.includes('wasm-function')), `wasm frames left in:\n${stack}`);
}
