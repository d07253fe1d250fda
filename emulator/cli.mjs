#!/usr/bin/env node
/**
 * CLI of the Cytomine emulator.
 *
 *   node emulator/cli.mjs [--port N] [--host H] [--dataset demo|empty|large] [--latency MS]
 *                         [--fault-rate P] [--fault-seed N] [--credentials-out FILE]
 *                         [--gateway] [--www DIR] [--package-dir DIR] [--upstream URL]
 *                         [--server-url URL] [--allow-origin ORIGIN]... [--print-keys]
 *                         [--core 5.2|2026] [--token-lifetime S]
 *
 * Prints `Cytomine emulator listening on <url>` (and `Demo: <url>/` in gateway mode), then
 * the seeded users with their public keys (private keys only with --print-keys).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs as nodeParseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { start } from './server.mjs';
import { originOf } from './gateway.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Option name -> start() option. Repeatable ones give an array; numeric ones are checked.
const OPTIONS = {
  port: { type: 'string', key: 'port', numeric: true },
  host: { type: 'string', key: 'host' },
  dataset: { type: 'string', key: 'dataset' },
  latency: { type: 'string', key: 'latencyMs', numeric: true },
  'fault-rate': { type: 'string', key: 'faultRate', numeric: true },
  'fault-seed': { type: 'string', key: 'faultSeed', numeric: true },
  'credentials-out': { type: 'string', key: 'credentialsOut' },
  www: { type: 'string', key: 'wwwDir' },
  'package-dir': { type: 'string', key: 'packageDir' },
  upstream: { type: 'string', key: 'upstream' },
  'server-url': { type: 'string', key: 'serverURL' },
  'allow-origin': { type: 'string', key: 'allowOrigins', multiple: true },
  core: { type: 'string', key: 'core' },
  'token-lifetime': { type: 'string', key: 'tokenLifetimeS', numeric: true },
  gateway: { type: 'boolean', key: 'gateway' },
  'print-keys': { type: 'boolean', key: 'printKeys' },
  help: { type: 'boolean', key: 'help', short: 'h' },
};

/** Parse argv into start() options (exported for tests); throws on unknown or malformed options. */
export function parseArgs(argv) {
  const config = Object.fromEntries(Object.entries(OPTIONS).map(([name, { key, numeric, ...spec }]) => [name, spec]));
  const { values } = nodeParseArgs({ args: argv, options: config, strict: true, allowPositionals: false });
  const o = {};
  for (const [name, value] of Object.entries(values)) {
    const { key, numeric } = OPTIONS[name];
    if (numeric) {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n)) throw new Error(`--${name} expects a number, got ${value}`);
      o[key] = n;
    } else o[key] = value;
  }
  for (const origin of o.allowOrigins ?? []) originOf(origin);
  if (o.faultRate !== undefined && (o.faultRate < 0 || o.faultRate > 1)) throw new Error('--fault-rate must be between 0 and 1');
  if (o.core !== undefined && !['5.2', '2026'].includes(o.core)) throw new Error(`--core must be 5.2 or 2026, got ${o.core}`);
  return o;
}

const USAGE = `Usage: node emulator/cli.mjs [--port N] [--host H] [--dataset demo|empty|large] [--latency MS]
       [--fault-rate P] [--fault-seed N] [--credentials-out FILE] [--gateway] [--www DIR]
       [--package-dir DIR] [--upstream URL] [--server-url URL] [--allow-origin ORIGIN]... [--print-keys]
       [--core 5.2|2026] [--token-lifetime S]

  --allow-origin ORIGIN  a page origin allowed to call it across origins (CORS, no credentials);
                         repeatable. Default: in gateway mode its own origin only, else any origin.
  --core 5.2|2026        the server generation on the wire (default 5.2; npm start uses 2026).`;

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (o.help) {
    console.log(USAGE);
    return;
  }
  if (o.gateway || o.upstream) {
    o.gateway = o.gateway ?? true;
    o.wwwDir = o.wwwDir ?? path.join(HERE, '..', 'www');
    o.packageDir = o.packageDir ?? path.join(HERE, '..');
  }
  const emu = await start(o);
  console.log(`Cytomine emulator listening on ${emu.url}`);
  if (o.gateway) console.log(`Demo: ${emu.url}/`);
  console.log(`  core ${emu.core}`);
  if (o.upstream) console.log(`Forwarding /api, /server, /session, /iam and the other Cytomine paths to ${o.upstream}`);
  for (const c of emu.credentials) {
    console.log(`  ${c.username.padEnd(6)} ${c.admin ? 'admin' : '     '} publicKey=${c.publicKey}${o.printKeys ? ` privateKey=${c.privateKey}` : ''}`);
  }
  // The demo's keys are the emulator's: never written when the demo talks to a real server.
  if (o.credentialsOut && !o.upstream) {
    const list = emu.credentials.map(({ username, publicKey, privateKey, admin }) => ({ username, publicKey, privateKey, admin }));
    writeFileSync(o.credentialsOut, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
  }
  const stop = async () => {
    await emu.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
