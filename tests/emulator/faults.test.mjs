import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { start } from '../../emulator/server.mjs';
import { cred, sign, raw } from './helpers.mjs';

/** A signed request that reports any outcome: a status, a truncated body or a network error. */
function attempt(emu, username, method, pq, body) {
  const c = cred(emu, username);
  const date = new Date().toUTCString();
  const ct = body ? 'application/json' : '';
  const headers = { Date: date, Connection: 'close', Authorization: `CYTOMINE ${c.publicKey}:${sign(c.privateKey, method, ct, date, pq)}` };
  if (body) headers['Content-Type'] = ct;
  const u = new URL(emu.url);
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: pq, headers }, (res) => {
      const chunks = [];
      res.on('data', (x) => chunks.push(x));
      res.on('end', () => {
        const b = Buffer.concat(chunks);
        const expected = Number(res.headers['content-length']);
        resolve({ status: res.statusCode, headers: res.headers, truncated: b.length < expected, body: b });
      });
      res.on('error', () => resolve({ status: res.statusCode, truncated: true }));
      res.on('aborted', () => resolve({ status: res.statusCode, truncated: true }));
    });
    req.on('error', (e) => resolve({ error: e.code ?? e.message }));
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

test('faultRate 1: every /api request is faulted, each kind is seen, phases logged', async () => {
  const emu = await start({ dataset: 'empty', faultRate: 1, faultSeed: 7 });
  try {
    const outcomes = [];
    for (let i = 0; i < 40; i++) outcomes.push(await attempt(emu, 'alice', 'GET', '/api/user/current.json'));
    assert.equal(emu.faults.length, 40);
    const kinds = new Set(emu.faults.map((f) => f.kind));
    assert.deepEqual([...kinds].sort(), ['502', '503', 'reset', 'truncated']);
    assert.deepEqual([...new Set(emu.faults.map((f) => f.phase))].sort(), ['after', 'before']);
    assert.ok(emu.faults.filter((f) => f.kind === 'truncated').every((f) => f.phase === 'after'));
    emu.faults.forEach((f, i) => {
      const o = outcomes[i];
      if (f.kind === '502') assert.equal(o.status, 502);
      if (f.kind === '503') {
        assert.equal(o.status, 503);
        assert.equal(o.headers['retry-after'], '0');
      }
      if (f.kind === 'reset') assert.ok(o.error, `reset gives a network error, got ${JSON.stringify(o)}`);
      if (f.kind === 'truncated') assert.ok(o.truncated || o.error, 'truncated body');
    });
    // not faulted: public ping and emulator-only endpoints
    assert.equal((await raw(emu, 'GET', '/server/ping.json')).status, 200);
    assert.equal((await raw(emu, 'POST', '/emulator/token', { body: { username: 'bob' }, headers: { 'Content-Type': 'application/json' } })).status, 200);
    assert.equal(emu.faults.length, 40);
  } finally {
    await emu.close();
  }
});

test('before-phase faults do not apply the request, after-phase faults do', async () => {
  const emu = await start({ dataset: 'empty', faultRate: 1, faultSeed: 3 });
  try {
    for (let i = 0; i < 24; i++) await attempt(emu, 'alice', 'POST', '/api/project.json', { name: `Fault-${i}` });
    const names = new Set([...emu.state.t.project.values()].map((p) => p.name));
    emu.faults.forEach((f, i) => {
      assert.equal(names.has(`Fault-${i}`), f.phase === 'after', `${f.kind}/${f.phase}`);
    });
  } finally {
    await emu.close();
  }
});

test('same seed, same faults', async () => {
  const runs = [];
  for (let k = 0; k < 2; k++) {
    const emu = await start({ dataset: 'empty', faultRate: 0.5, faultSeed: 11 });
    for (let i = 0; i < 20; i++) await attempt(emu, 'bob', 'GET', '/api/user/current.json');
    runs.push(emu.faults.map((f) => `${f.kind}/${f.phase}`));
    await emu.close();
  }
  assert.deepEqual(runs[0], runs[1]);
  assert.ok(runs[0].length > 0 && runs[0].length < 20);
});

test('latency delays every response', async () => {
  const emu = await start({ dataset: 'empty', latencyMs: 150 });
  try {
    const t = Date.now();
    const r = await raw(emu, 'GET', '/server/ping.json');
    assert.equal(r.status, 200);
    assert.ok(Date.now() - t >= 145);
  } finally {
    await emu.close();
  }
});

test('CLI starts with the demo dataset in under 5 seconds and writes credentials', async () => {
  const cli = fileURLToPath(new URL('../../emulator/cli.mjs', import.meta.url));
  const out = `${process.env.TMPDIR ?? '/tmp'}/emu-creds-${process.pid}.json`;
  const t0 = Date.now();
  const child = spawn(process.execPath, [cli, '--port', '0', '--dataset', 'demo', '--credentials-out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        const m = /Cytomine emulator listening on (http:\/\/\S+)/.exec(buf);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      setTimeout(() => reject(new Error('timeout')), 10000);
    });
    const elapsed = Date.now() - t0;
    console.log(`# CLI startup (demo): ${elapsed} ms`);
    // A bound against a pathological start-up (a quiet machine takes well under a second; a loaded
    // 2-core one about 2 s, with the Keycloak key pair generated at start), not a performance claim.
    assert.ok(elapsed < 5000, `startup took ${elapsed} ms`);
    const r = await fetch(`${url}/server/ping.json`);
    assert.equal(r.status, 200);
    const { readFileSync } = await import('node:fs');
    const creds = JSON.parse(readFileSync(out, 'utf8'));
    assert.ok(creds.length >= 3);
    assert.deepEqual(Object.keys(creds[0]).sort(), ['admin', 'privateKey', 'publicKey', 'username']);
    assert.equal(creds.find((c) => c.username === 'admin').admin, true);
  } finally {
    child.kill('SIGTERM');
  }
});
