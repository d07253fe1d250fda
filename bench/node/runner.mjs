// Node runtime: each contender is a child process (node --expose-gc node/worker.mjs) holding one
// client, so the clients never share a heap, a JIT state or an HTTP agent, and the emulator (in
// the parent) never shares a thread with them.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.mjs');

export class NodeRuntime {
  name = 'node';
  version = process.version;

  /** `packageDir`: the snapshot of this package the workers import. */
  constructor({ packageDir }) {
    this.packageDir = packageDir;
  }

  async start() {}

  async close() {}

  async contender(kind, emu, keys) {
    const child = fork(WORKER, [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pending = new Map();
    let nextId = 1;
    let exited = null;
    const ready = new Promise((resolve, reject) => {
      child.once('message', (m) => (m?.ready ? resolve() : reject(new Error('worker did not start'))));
      child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
    });
    child.on('message', (m) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${kind} worker: ${m.error}`));
    });
    child.on('exit', (code) => {
      exited = code;
      for (const p of pending.values()) p.reject(new Error(`${kind} worker exited (${code})`));
      pending.clear();
    });
    const call = (msg) => new Promise((resolve, reject) => {
      if (exited !== null) return reject(new Error(`${kind} worker exited (${exited})`));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, ...msg });
    });
    await ready;
    const init = await call({ cmd: 'init', client: kind, host: emu.url, keys: { ...keys, core: emu.core }, packageDir: this.packageDir });
    return {
      kind,
      initMs: init.ms,
      async run(task, params) {
        const r = await call({ cmd: 'run', task, params });
        return { ms: r.ms, cpuMs: r.cpuMs, digest: await call({ cmd: 'digest' }) };
      },
      memory: () => call({ cmd: 'memory' }),
      close: async () => {
        if (exited !== null) return;
        const done = new Promise((r) => child.once('exit', r));
        child.kill();
        await done;
      },
    };
  }
}
