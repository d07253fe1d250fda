// The README's quick start works as written: its first JavaScript block is run against the
// emulator (of the generation of CYTOMINE_CORE: the integration steps run it against core 5.2 and
// today's core), with only the host and the keys substituted, and its output checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator } from '../support/integration.mjs';

const root = resolve(import.meta.dirname, '../..');
let server;
before(async () => (server = await startEmulator()));
after(() => server?.close());

test('the README quick start runs and prints what the server holds', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const code = /```js\n([\s\S]*?)```/.exec(section)[1];
  const placeholder = "new Cytomine('https://cytomine.example.org', { publicKey: '…', privateKey: '…' });";
  assert.ok(code.includes(placeholder), 'the quick start no longer connects as expected');
  const alice = server.credentials.find((c) => c.username === 'alice');
  const script = code.replace(placeholder, `new Cytomine(${JSON.stringify(server.url)}, { publicKey: ${JSON.stringify(alice.publicKey)}, privateKey: ${JSON.stringify(alice.privateKey)} });`);
  // Inside the repository so that `import ... from 'cytomine-wasm'` resolves to this package.
  const dir = join(root, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'readme-quickstart.mjs');
  writeFileSync(file, script);
  const { stdout } = await promisify(execFile)('node', [file], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const lines = stdout.trim().split('\n');

  // The projects alice can access, in the server's order (created desc).
  const aliceId = server.state.all('user').find((u) => u.username === 'alice').id;
  const projects = server.state
    .all('project')
    .filter((p) => {
      const m = server.state.membersOf(p.id);
      return m.contributors.has(aliceId) || m.managers.has(aliceId);
    })
    .sort((a, b) => Number(b.created) - Number(a.created) || b.id - a.id);
  for (const p of projects) assert.ok(lines.some((l) => l.startsWith(`${p.id} ${p.name} `)), `project ${p.name} not listed`);
  // Annotations per term of the first project, counted from the store.
  const first = projects[0];
  const terms = server.state.all('term').filter((t) => t.ontology === first.ontology);
  for (const term of terms) {
    const annotated = new Set(server.state.all('annotationterm').filter((at) => at.term === term.id).map((at) => at.userannotation));
    const count = server.state.all('annotation').filter((a) => a.project === first.id && annotated.has(a.id)).length;
    assert.ok(lines.includes(`${term.name} ${count}`), `missing "${term.name} ${count}"`);
  }
  // Progress of the parallel fetchAll ends at the total, and the lazy loop printed every annotation.
  const total = server.state.all('annotation').filter((a) => a.project === first.id).length;
  assert.ok(lines.includes(`${total}/${total}`));
  const annotationLines = lines.filter((l) => /^\d+ [\d.]+ \[[\d, ]*\]$/.test(l));
  assert.ok(annotationLines.length >= total, `${annotationLines.length} annotation lines for ${total} annotations`);
});
