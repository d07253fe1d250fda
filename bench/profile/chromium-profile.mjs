// CPU profile (Chromium's sampling profiler over CDP) of one client in the benchmark page running
// one task a few times, against the emulator and page of the benchmark:
//   node bench/profile/chromium-profile.mjs ours|js|baseline fetchAll|fetchMany|load [--latency MS] [--times N] [--package DIR]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { start } from '../../emulator/server.mjs';
import { fixtures } from '../lib/fixtures.mjs';
import { ChromiumRuntime, prepareWww } from '../browser/runner.mjs';
import { summarize } from './summarize-cpuprofile.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { latency: { type: 'string', default: '0' }, times: { type: 'string', default: '5' }, package: { type: 'string' }, top: { type: 'string', default: '30' } } });
const [kind = 'ours', task = 'fetchAll'] = positionals;
const www = prepareWww();
const emu = await start({ port: 0, dataset: 'large', latencyMs: Number(values.latency), gateway: true, wwwDir: www.dir, packageDir: (values.package ? path.resolve(values.package) : new URL('../..', import.meta.url).pathname) });
const fx = fixtures(emu);
const params = task === 'fetchMany' ? { id: fx.project.id, n: 1000 } : task === 'load' ? { props: fx.all.props } : { props: fx.window.props };
const runtime = new ChromiumRuntime();
await runtime.start();
const c = await runtime.contender(kind, emu, fx.keys);
await c.run(task, params); // warm-up, not profiled
const cdp = c.page;
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
await cdp.send('Profiler.start');
for (let i = 0; i < Number(values.times); i++) {
  const r = await c.run(task, params);
  console.log(`run ${i + 1}: ${r.ms.toFixed(1)} ms`);
}
const { profile } = await cdp.send('Profiler.stop');
await c.close();
await runtime.close();
await emu.close();
www.remove();
const file = path.join(mkdtempSync(path.join(tmpdir(), `chromeprof-${kind}-${task}-`)), 'profile.cpuprofile');
writeFileSync(file, JSON.stringify(profile));
console.log(`\n${file}\n`);
console.log(summarize(profile, Number(values.top)));
