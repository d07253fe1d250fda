// Where the per-request time of `fetch-1000` goes in Chromium: one page, requests interleaved
// one by one between
//   - bare:        fetch + JSON.parse with the same headers (the floor),
//   - js-sequenced: the same request sequenced in plain JS, using this package's wasm only for the
//                  URL (`cytomine.url`) and the HMAC signature (`hmacSha1Base64`),
//   - request:     `cytomine.request('GET', 'project/{id}.json')` (the package's whole path),
//   - model:       `Project.fetch(id)` (what the benchmark times),
// then the same without network: `fetch` answered in the page by a stand-in (the package's own
// work per request). Means in µs per request.
//   node bench/request-path.mjs [--n 1500]
import { parseArgs } from 'node:util';
import { withBenchPage } from './browser/runner.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1500' } } });
await withBenchPage({}, async ({ page, fx }) => {
  const result = await page.evaluate(async ({ id, keys, n }) => {
    const { Cytomine, Project } = await import('/package/js/index.js');
    const { wasm } = await import('/package/js/wasm.js');
    const path = `/api/project/${id}.json`;
    const headers = (date, signature) => ({ Accept: 'application/json, */*;q=0.5', Authorization: `CYTOMINE ${keys.publicKey}:${signature}`, dateFull: date });
    const sign = (date, p) => wasm.hmacSha1Base64(keys.privateKey, `GET\n\n\n${date}\n${p}`);
    const measure = async (variants) => {
      const sums = Object.fromEntries(Object.keys(variants).map((k) => [k, 0]));
      for (let i = 0; i < n; i++) {
        for (const [name, run] of Object.entries(variants)) {
          const t0 = performance.now();
          const project = await run();
          if (project.id !== id) throw new Error(`${name}: wrong answer`);
          if (i >= 100) sums[name] += performance.now() - t0;
        }
      }
      return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Math.round((v / (n - 100)) * 1000)]));
    };
    const cytomine = new Cytomine(location.origin, { ...keys });
    const network = await measure({
      bare: async () => {
        const date = new Date().toUTCString();
        const response = await fetch(location.origin + path, { headers: headers(date, sign(date, path)) });
        return JSON.parse(await response.text());
      },
      'js-sequenced': async () => {
        const url = cytomine.url('project/{id}.json', { id });
        const date = new Date().toUTCString();
        const response = await fetch(url, { method: 'GET', headers: headers(date, sign(date, path)), signal: AbortSignal.timeout(30_000) });
        return new Project(JSON.parse(await response.text()));
      },
      request: () => cytomine.request('GET', 'project/{id}.json', { params: { id } }),
      model: () => cytomine.models.Project.fetch(id),
    });
    const body = JSON.stringify({ id, name: 'P', class: 'be.cytomine.domain.project.Project' });
    const standIn = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
    const offline = new Cytomine(location.origin, { ...keys, fetch: standIn });
    const noNetwork = await measure({
      bare: async () => JSON.parse(await (await standIn()).text()),
      model: () => offline.models.Project.fetch(id),
    });
    return { network, noNetwork };
  }, { id: fx.project.id, keys: fx.keys, n: Number(values.n) });
  console.log(`µs per request (means, ${values.n} interleaved rounds after 100 warm-ups):`);
  console.log('  with the emulator:        ', result.network);
  console.log('  fetch answered in the page:', result.noNetwork);
});
