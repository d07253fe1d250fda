// The benchmark's noisy rule (bench/lib/machine-load.mjs): CPU time of processes outside the
// benchmark's process tree counts as other work, the tree's own (children included) does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSnapshot, foreignLoad } from '../../bench/lib/machine-load.mjs';

const BUSY = 'const end = Date.now() + 1500; while (Date.now() < end);';
const linux = existsSync('/proc/stat');

test('a busy child process counts as the benchmark’s own CPU', { skip: !linux && 'no /proc' }, async () => {
  const before = cpuSnapshot();
  const child = spawn(process.execPath, ['-e', BUSY]);
  await new Promise((resolve) => child.on('exit', resolve));
  const load = foreignLoad(before, cpuSnapshot());
  // One CPU for ~1.5 s of a ~1.6 s window (less on a busy machine, never near 0).
  assert.ok(load.bench_cpus >= 0.3, `bench_cpus ${load.bench_cpus}`);
});

test('a busy process outside the tree counts as other work', { skip: !linux && 'no /proc' }, async () => {
  const before = cpuSnapshot();
  // The shell exits at once: the loop is re-parented outside this process's tree.
  spawn('sh', ['-c', `"${process.execPath}" -e '${BUSY}' >/dev/null 2>&1 &`], { stdio: 'ignore' });
  await sleep(1700);
  const load = foreignLoad(before, cpuSnapshot());
  assert.ok(load.other_cpus >= 0.3, `other_cpus ${load.other_cpus}`);
  assert.ok(load.bench_cpus < 0.3, `bench_cpus ${load.bench_cpus}`);
});

test('readings without /proc or without elapsed time give no figure', () => {
  assert.equal(foreignLoad(null, null), null);
  const r = { at: 1, busy: 10, own: 5 };
  assert.equal(foreignLoad(r, r), null);
  assert.deepEqual(foreignLoad({ at: 0, busy: 0, own: 0 }, { at: 1000, busy: 150, own: 50 }), { other_cpus: 1, bench_cpus: 0.5 });
});
