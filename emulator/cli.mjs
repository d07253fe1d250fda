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
import { fileURLToPath } from 'node:url';
import { start } from './server.mjs';
import { originOf } from './gateway.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FLAGS = {
  '--port': 'port', '--host': 'host', '--dataset': 'dataset', '--latency': 'latencyMs', '--fault-rate': 'faultRate',
  '--fault-seed': 'faultSeed', '--credentials-out': 'credentialsOut', '--www': 'wwwDir', '--package-dir': 'packageDir',
  '--upstream': 'upstream', '--server-url': 'serverURL', '--allow-origin': 'allowOrigins', '--core': 'core',
  '--token-lifetime': 'tokenLifetimeS',
};
const REPEATABLE = new Set(['allowOrigins']);
const BOOLS = { '--gateway': 'gateway', '--print-keys': 'printKeys', '--help': 'help', '-h': 'help' };
const NUMERIC = new Set(['port', 'latencyMs', 'faultRate', 'faultSeed', 'tokenLifetimeS']);

/** Parse argv into start() options (exported for tests). */
export function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    if (BOOLS[a]) {
      o[BOOLS[a]] = true;
      continue;
    }
    const k = FLAGS[a];
    if (!k) throw new Error(`Unknown option ${a}`);
    if (v === undefined) {
      v = argv[++i];
      if (v === undefined) throw new Error(`Missing value for ${a}`);
    }
    if (NUMERIC.has(k)) {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`${a} expects a number, got ${v}`);
      o[k] = n;
    } else if (REPEATABLE.has(k)) o[k] = [...(o[k] ?? []), v];
    else o[k] = v;
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
