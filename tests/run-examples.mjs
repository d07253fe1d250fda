#!/usr/bin/env node
// Runs the examples, unchanged, against a fresh emulator of each server generation (core 5.2 and
// today's core) and checks their output against the emulator's own data (computed here by brute
// force, independently of the client).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { start } from '../emulator/server.mjs';

const root = resolve(import.meta.dirname, '..');
for (const core of ['5.2', '2026']) {
  console.log(`\n--- against core ${core}`);
  await runAgainst(await start({ dataset: 'demo', core }));
}

async function runAgainst(server) {
  try {
    const alice = server.credentials.find((c) => c.username === 'alice');
    const termName = 'Tumor';
    // Asynchronous: the emulator runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)(
      'node',
      ['examples/count-annotations-by-term.mjs', server.url, alice.publicKey, alice.privateKey, termName],
      { cwd: root, encoding: 'utf8' },
    );
    const expected = expectedCounts(server.state, alice.username, termName);
    const lines = out.trim().split('\n');
    for (const [project, count] of Object.entries(expected)) {
      assert.ok(lines.includes(`${project}: ${count} annotations with term "${termName}"`), `missing "${project}: ${count}" in:\n${out}`);
    }
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    assert.ok(total > 0, 'the demo data should have annotations with the term');
    assert.equal(lines.at(-1), `Total: ${total}`);
    console.log(out.trim());
    console.log(`\nexamples/count-annotations-by-term.mjs against core ${server.core}: output matches the emulator's data (${Object.keys(expected).length} projects, ${total} annotations)`);
  } finally {
    await server.close();
  }
}

/** Annotations carrying `termName` per accessible project starting with "P", from the store. */
function expectedCounts(store, username, termName) {
  const user = store.all('user').find((u) => u.username === username);
  const counts = {};
  for (const project of store.all('project')) {
    const members = store.membersOf(project.id);
    if (!project.name.startsWith('P') || !(members.contributors.has(user.id) || members.managers.has(user.id))) continue;
    const term = store.all('term').find((t) => t.ontology === project.ontology && t.name === termName);
    if (!term) continue;
    const annotated = new Set(store.all('annotationterm').filter((at) => at.term === term.id).map((at) => at.userannotation));
    counts[project.name] = store.all('annotation').filter((a) => a.project === project.id && annotated.has(a.id)).length;
  }
  return counts;
}
