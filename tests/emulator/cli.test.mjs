// The emulator CLI's option parsing (util.parseArgs underneath): node --test tests/emulator/cli.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../emulator/cli.mjs';

test('options map to start() options: numbers, booleans, repeatable origins, --x=y and -h', () => {
  assert.deepEqual(
    parseArgs(['--port', '0', '--latency=5', '--fault-rate', '0.25', '--fault-seed', '7', '--dataset', 'large', '--gateway', '--print-keys',
      '--allow-origin', 'http://a.test:1', '--allow-origin=https://b.test', '--server-url', 'http://x.test', '--credentials-out', '/tmp/c.json', '-h']),
    {
      port: 0, latencyMs: 5, faultRate: 0.25, faultSeed: 7, dataset: 'large', gateway: true, printKeys: true,
      allowOrigins: ['http://a.test:1', 'https://b.test'], serverURL: 'http://x.test', credentialsOut: '/tmp/c.json', help: true,
    },
  );
  assert.deepEqual(parseArgs([]), {});
});

test('bad options throw a message naming the option', () => {
  assert.throws(() => parseArgs(['--nope']), /--nope/);
  assert.throws(() => parseArgs(['--port']), /--port/);
  assert.throws(() => parseArgs(['--port', 'x']), /--port expects a number, got x/);
  assert.throws(() => parseArgs(['--latency=']), /--latency expects a number/);
  assert.throws(() => parseArgs(['--fault-rate', '2']), /between 0 and 1/);
  assert.throws(() => parseArgs(['--gateway=1']), /--gateway/);
  assert.throws(() => parseArgs(['stray']), /stray/);
});
