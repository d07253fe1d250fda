// A Node child process holding one client (started with --expose-gc by node/runner.mjs).
// Messages from the parent: {id, cmd: 'init', client, host, keys, packageDir} | {id, cmd: 'run', task, params} | {id, cmd: 'digest'}
// | {id, cmd: 'memory'} | {id, cmd: 'exit'}; answers {id, ok, result} or {id, ok: false, error}.
import { runTask, takeDigest } from '../scenarios/tasks.mjs';
import { loadClient } from './clients.mjs';

let client = null;

/** CPU time of this process (all its threads: main, GC helpers, network), in ms. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function fullGc() {
  for (let i = 0; i < 3; i++) globalThis.gc();
}

async function handle(msg) {
  switch (msg.cmd) {
    case 'init': {
      const t0 = performance.now();
      client = await loadClient(msg.client, { host: msg.host, packageDir: msg.packageDir, ...msg.keys });
      return { ms: performance.now() - t0 };
    }
    case 'run': {
      fullGc(); // garbage of the previous run is not charged to this one
      return runTask(client.api, msg.task, msg.params, cpuMs);
    }
    case 'digest':
      return takeDigest();
    case 'memory': {
      fullGc();
      await new Promise((r) => setTimeout(r, 20));
      fullGc();
      const m = process.memoryUsage();
      return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss, wasm: client.wasmBytes() };
    }
    case 'exit':
      setTimeout(() => process.exit(0), 10); // a normal exit, so that --cpu-prof writes its profile
      return {};
    default:
      throw new Error(`unknown command ${msg.cmd}`);
  }
}

process.on('message', (msg) => {
  handle(msg).then(
    (result) => process.send({ id: msg.id, ok: true, result }),
    (e) => process.send({ id: msg.id, ok: false, error: String(e?.stack ?? e) }),
  );
});
process.send({ ready: true });
