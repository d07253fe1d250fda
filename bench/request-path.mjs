// Where the per-request time of `fetch-1000` goes in Chromium: one page, requests interleaved
// one by one between
//   - xhr:         XMLHttpRequest + JSON.parse with the same headers (what cytomine-client's axios
//                  uses in browsers, without axios),
//   - bare:        fetch + JSON.parse with the same headers and `cache: 'no-store'` (the floor of
//                  any Fetch-based client; this package's default for JSON in browsers),
//   - bare-http-cache: the same with fetch's default cache mode (each answer is stored in the
//                  HTTP cache, never to be reused: core sends no freshness information),
//   - js-sequenced: the same request sequenced in plain JS, using this package's wasm only for the
//                  URL (`cytomine.url`) and the HMAC signature (`hmacSha1Base64`),
//   - request:     `cytomine.request('GET', 'project/{id}.json')` (the package's whole path),
//   - model:       `Project.fetch(id)` (what the benchmark times),
// then the same without network: `fetch` answered in the page by a stand-in (the package's own
// work per request). Trimmed means in µs per request. Chromium is driven as in `npm run bench`,
// over a DevTools pipe with nothing instrumenting the requests (`--driver pipe`, the default);
// `--driver playwright` measures under Playwright's Network instrumentation instead.
//   node bench/request-path.mjs [--n 1500] [--driver pipe|playwright]
import { parseArgs } from 'node:util';
import { withBenchPage } from './browser/runner.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1500' }, driver: { type: 'string', default: 'pipe' } } });
await withBenchPage({ driver: values.driver }, async ({ page, fx }) => {
  const result = await page.evaluate(async ({ id, keys, n }) => {
    const { Cytomine, Project } = await import('/package/js/index.js');
    const { wasm } = await import('/package/js/wasm.js');
    const path = `/api/project/${id}.json`;
    const headers = (date, signature) => ({ Accept: 'application/json, */*;q=0.5', Authorization: `CYTOMINE ${keys.publicKey}:${signature}`, dateFull: date });
    const sign = (date, p) => wasm.hmacSha1Base64(keys.privateKey, `GET\n\n\n${date}\n${p}`);
    // Trimmed mean per variant, without the fastest and slowest 10 % (a GC pause or a slow answer
    // of the emulator moves a plain mean by tens of µs; a median would show the 100 µs steps of
    // the page's coarsened clock).
    const measure = async (variants) => {
      const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
      const entries = Object.entries(variants);
      for (let i = 0; i < n; i++) {
        // Each round starts with the next variant: no variant always follows the same one.
        const first = i % entries.length;
        for (const [name, run] of [...entries.slice(first), ...entries.slice(0, first)]) {
          const t0 = performance.now();
          const project = await run();
          if (project.id !== id) throw new Error(`${name}: wrong answer`);
          if (i >= 100) samples[name].push(performance.now() - t0);
        }
      }
      const trimmedMean = (v) => {
        const kept = v.sort((a, b) => a - b).slice(Math.floor(v.length / 10), Math.ceil((v.length * 9) / 10));
        return kept.reduce((a, b) => a + b, 0) / kept.length;
      };
      return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(trimmedMean(v) * 1000)]));
    };
    const bareFetch = (init) => async () => {
      const date = new Date().toUTCString();
      const response = await fetch(location.origin + path, { headers: headers(date, sign(date, path)), ...init });
      return JSON.parse(await response.text());
    };
    const cytomine = new Cytomine(location.origin, { ...keys });
    const network = await measure({
      xhr: () => new Promise((resolve, reject) => {
        const date = new Date().toUTCString();
        const xhr = new XMLHttpRequest();
        xhr.open('GET', location.origin + path);
        for (const [k, v] of Object.entries(headers(date, sign(date, path)))) xhr.setRequestHeader(k, v);
        xhr.onload = () => resolve(JSON.parse(xhr.responseText));
        xhr.onerror = () => reject(new Error('xhr failed'));
        xhr.send();
      }),
      bare: bareFetch({ cache: 'no-store' }),
      'bare-http-cache': bareFetch({}),
      'js-sequenced': async () => {
        const url = cytomine.url('project/{id}.json', { id });
        const date = new Date().toUTCString();
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30_000);
        const response = await fetch(url, { method: 'GET', headers: headers(date, sign(date, path)), cache: 'no-store', signal: controller.signal });
        const project = new Project(JSON.parse(await response.text()));
        clearTimeout(timer);
        return project;
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
  console.log(`µs per request (10 % trimmed means, ${values.n} interleaved rounds after 100 warm-ups, ${values.driver} driver):`);
  console.log('  with the emulator:        ', result.network);
  console.log('  fetch answered in the page:', result.noNetwork);
});
