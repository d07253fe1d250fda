#!/usr/bin/env node
// `npm start`: the demo. Starts the emulator with the demo dataset in gateway mode (www/ and the
// package on one origin, dateFull copied into date), speaking today's core (`--core 2026`; the
// package detects it), and prints the URL. Arguments after `--` go to the emulator, e.g.
// `npm start -- --core 5.2` for core 5.2, `npm start -- --upstream https://cytomine.example.org`
// to browse a real server through the gateway, `npm start -- --port 9000`, or
// `npm start -- --allow-origin http://localhost:5173` to let a page of another origin call it.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** True when the arguments name option `flag`, as `--flag value` or `--flag=value`. */
const hasOption = (args, flag) => args.some((a) => a === flag || a.startsWith(`${flag}=`));

/**
 * The emulator's arguments for `npm start` with the user's `extra` ones. The demo users' keys
 * are written to `credentials` (the demo pre-fills them) only when the demo talks to the
 * emulator, never with `--upstream` (a real server).
 * @param {string[]} extra
 * @param {string} credentials path of www/demo-credentials.json
 * @param {string} [port] default port
 * @returns {string[]}
 */
export function emulatorArgs(extra, credentials, port = '8080') {
  const args = ['emulator/cli.mjs', '--gateway', '--www', 'www', '--package-dir', '.'];
  if (!hasOption(extra, '--port')) args.push('--port', port);
  if (!hasOption(extra, '--core')) args.push('--core', '2026');
  if (!hasOption(extra, '--upstream')) args.push('--credentials-out', credentials);
  return [...args, ...extra];
}

function main() {
  const credentials = join(root, 'www', 'demo-credentials.json');
  // A file left by an earlier run is removed first: never served against a real server.
  rmSync(credentials, { force: true });
  const child = spawn(process.execPath, emulatorArgs(process.argv.slice(2), credentials, process.env.PORT), { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => {
    rmSync(credentials, { force: true });
    process.exit(code ?? 0);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
