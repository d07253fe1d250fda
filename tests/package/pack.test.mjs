// The packed tarball works when installed elsewhere: Node import with no init call, real
// TypeScript declarations (tsc --strict), and a Vite production build that runs in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

const root = resolve(import.meta.dirname, '../..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let dir;
let tarball;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cytomine-wasm-pack-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  tarball = join(dir, packed);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Install the tarball offline: npm would try the registry for nothing since it has no dependencies.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the tarball holds the JS layer, the wasm and the types, and nothing else', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const needed of ['package/js/index.js', 'package/js/index.d.ts', 'package/js/types/base.d.ts', 'package/pkg/cytomine_wasm_bg.wasm', 'package/pkg/cytomine_wasm.js', 'package/package.json', 'package/README.md']) {
    assert.ok(listing.includes(needed), `${needed} missing`);
  }
  assert.ok(!listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/emulator/') || f.startsWith('package/tests/')));
});

test('Node imports the installed package with no init call', () => {
  const script = `
    import { Cytomine, ProjectCollection, Project, CytomineError } from 'cytomine-wasm';
    const c = new Cytomine('example.org', { publicKey: 'a', privateKey: 'b' });
    const p = new Project({ name: 'x' });
    let refused = null;
    try { await Project.fetch(-1); } catch (e) { refused = e instanceof CytomineError && e.kind; }
    console.log(JSON.stringify({ host: c.host, coll: typeof ProjectCollection.fetchAll, name: p.name, refused }));`;
  const out = execFileSync('node', ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { host: 'http://example.org', coll: 'function', name: 'x', refused: 'invalid-argument' });
});

test('TypeScript declarations compile a strict usage file', () => {
  cpSync(join(root, 'tests/package/fixtures/usage.ts'), join(dir, 'usage.ts'));
  cpSync(join(root, 'tests/package/fixtures/tsconfig.json'), join(dir, 'tsconfig.json'));
  execFileSync(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir, stdio: 'pipe' });
  // And a wrong use is rejected (the types are not `any`).
  writeFileSync(join(dir, 'wrong.ts'), "import { Project } from 'cytomine-wasm';\nconst p = new Project();\nconst n: number = p.name;\n");
  writeFileSync(join(dir, 'tsconfig.wrong.json'), JSON.stringify({ extends: './tsconfig.json', files: ['wrong.ts'] }));
  assert.throws(() => execFileSync(bin('tsc'), ['-p', join(dir, 'tsconfig.wrong.json')], { cwd: dir, stdio: 'pipe' }), (e) =>
    /Type 'string \| null' is not assignable to type 'number'/.test(String(e.stdout)),
  );
});

test('a Vite build of an app importing the package runs in Chromium', async (t) => {
  if (!existsSync('/usr/bin/chromium')) return t.skip('chromium not installed');
  const app = join(dir, 'app');
  cpSync(join(root, 'tests/package/fixtures/vite-app'), app, { recursive: true });
  execFileSync(bin('vite'), ['build', '--logLevel', 'error', '--outDir', join(app, 'dist')], { cwd: app, env: { ...process.env, NODE_PATH: join(dir, 'node_modules') }, stdio: 'pipe' });
  const files = readdirSync(join(app, 'dist', 'assets'));
  assert.ok(files.some((f) => f.endsWith('.wasm')), `no wasm asset in ${files}`);

  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer(async (req, res) => {
    const path = join(app, 'dist', req.url === '/' ? 'index.html' : req.url.split('?')[0]);
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { launchBrowser } = await import('../support/browser.mjs');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.getElementById('out').textContent.startsWith('{'), null, { timeout: 15000 });
    const result = JSON.parse(await page.textContent('#out'));
    assert.deepEqual(result, { host: `http://127.0.0.1:${server.address().port}`, name: 'Vite', refused: 'invalid-argument' });
  } finally {
    await browser.close();
    server.close();
  }
});
