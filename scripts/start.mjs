#!/usr/bin/env node
// `npm start`: the demo. Starts the emulator with the demo dataset in gateway mode (www/ and the
// package on one origin, dateFull copied into date), speaking today's core (`--core 2026`; the
// package detects it), and prints the URL. Arguments after `--` go to the emulator, e.g.
// `npm start -- --core 5.2` for core 5.2, `npm start -- --upstream https://cytomine.example.org`
// to browse a real server through the gateway, or `npm start -- --port 9000`.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const extra = process.argv.slice(2);
const credentials = join(root, 'www', 'demo-credentials.json');
// The demo pre-fills the keys of a demo user from this file; never against a real server.
rmSync(credentials, { force: true });
const args = ['emulator/cli.mjs', '--gateway', '--www', 'www', '--package-dir', '.'];
if (!extra.includes('--port')) args.push('--port', process.env.PORT ?? '8080');
if (!extra.includes('--core')) args.push('--core', '2026');
if (!extra.includes('--upstream')) args.push('--credentials-out', credentials);
const child = spawn(process.execPath, [...args, ...extra], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => {
  rmSync(credentials, { force: true });
  process.exit(code ?? 0);
});
