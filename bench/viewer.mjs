#!/usr/bin/env node
// The demo's slide viewer in headless Chromium: time from opening the viewer (the hash change
// from the project page) to the first tiles drawn and to the first annotations drawn, on the
// demo data and on the `large` dataset; frame times while dragging the slide with 5,000 shapes
// in view (large dataset, an image of 10,000 annotations). Writes bench/viewer-results.json.
//
//   node bench/viewer.mjs [--runs 5] [--frames 90]
//
// Run 1 of each dataset is cold (the emulator renders every tile; new browser context); the
// later runs open a new browser context each (empty HTTP cache) against the warm emulator cache.
// Playwright drives the page (it enables DevTools' Network domain, which adds about half a
// millisecond per request: see bench/README.md).
import { mkdtempSync, cpSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { start } from '../emulator/server.mjs';
import { launchBrowser } from '../tests/support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' }, frames: { type: 'string', default: '90' } } });
const RUNS = Math.max(1, Number(args.runs) || 5);
const FRAMES = Math.max(10, Number(args.frames) || 90);

for (const f of ['pkg/cytomine_wasm_bg.wasm', 'www/vendor/ol.js']) {
  if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`node scripts/build.mjs\` first`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (x) => Math.round(x * 10) / 10;

async function withDemo(dataset, fn) {
  const wwwDir = mkdtempSync(path.join(tmpdir(), 'cytomine-viewer-bench-'));
  cpSync(path.join(ROOT, 'www'), wwwDir, { recursive: true });
  const server = await start({ port: 0, dataset, gateway: true, wwwDir, packageDir: ROOT });
  writeFileSync(path.join(wwwDir, 'demo-credentials.json'), JSON.stringify(server.credentials.map(({ username, publicKey, privateKey, admin }) => ({ username, publicKey, privateKey, admin }))));
  const browser = await launchBrowser();
  try {
    return await fn({ server, browser });
  } finally {
    await browser.close().catch(() => {});
    await server.close();
    rmSync(wwwDir, { recursive: true, force: true });
  }
}

/** A connected page on the project page of `projectId`. */
async function projectPage(browser, server, projectId) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await page.goto(`${server.url}/`);
  await page.locator('#connect-button').click();
  await page.locator('.project-card').first().waitFor();
  await page.evaluate((id) => { location.hash = `#/project/${id}`; }, projectId);
  await page.locator('.open-viewer').first().waitFor();
  return { context, page };
}

/** Opens the viewer on `imageId` and returns the times to first tiles / shapes drawn (ms). */
async function openViewer(page, projectId, imageId) {
  return page.evaluate(async ([p, i]) => {
    const t0 = performance.now();
    location.hash = `#/project/${p}/image/${i}`;
    await new Promise((resolve) => {
      const poll = () => {
        const s = window.__viewer?.slide?.stats;
        if (s?.firstTilesDrawnAt && s.firstShapesDrawnAt) resolve();
        else setTimeout(poll, 5);
      };
      poll();
    });
    const s = window.__viewer.slide.stats;
    return { tiles: s.firstTilesDrawnAt - t0, shapes: s.firstShapesDrawnAt - t0, shown: window.__viewer.shown, total: window.__viewer.total };
  }, [projectId, imageId]);
}

async function firstDraw(dataset, projectName) {
  return withDemo(dataset, async ({ server, browser }) => {
    const project = server.state.all('project').find((p) => p.name === projectName);
    const image = server.state.imagesOfProject(project.id).sort((a, b) => a.id - b.id)[0];
    const runs = [];
    const all = server.state.annotationIdsOfImage(image.id).length;
    for (let r = 0; r < RUNS; r++) {
      const { context, page } = await projectPage(browser, server, project.id);
      const run = await openViewer(page, project.id, image.id);
      // The first view is the whole image: every annotation matches, at most 5,000 are drawn.
      if (run.total !== all || run.shown !== Math.min(5000, all)) throw new Error(`run ${r}: ${run.shown} of ${run.total} shown, expected ${Math.min(5000, all)} of ${all}`);
      runs.push(run);
      await context.close();
    }
    const warm = runs.slice(1);
    return {
      dataset, project: projectName, image: image.id, annotationsOfImage: server.state.annotationIdsOfImage(image.id).length,
      shapesShown: runs[0].shown,
      cold: { firstTilesMs: round(runs[0].tiles), firstShapesMs: round(runs[0].shapes) },
      warm: warm.length ? { firstTilesMs: round(median(warm.map((x) => x.tiles))), firstShapesMs: round(median(warm.map((x) => x.shapes))), runs: warm.length } : null,
    };
  });
}

async function panning() {
  return withDemo('large', async ({ server, browser }) => {
    const project = server.state.all('project').find((p) => p.name === 'Benchmark-Large');
    const image = server.state.imagesOfProject(project.id).sort((a, b) => a.id - b.id)[0];
    const { context, page } = await projectPage(browser, server, project.id);
    const opened = await openViewer(page, project.id, image.id);
    // Wrong answers cannot count: the whole image is in view, so all its annotations match and
    // the 5,000 newest are drawn.
    const all = server.state.annotationIdsOfImage(image.id).length;
    if (opened.total !== all || opened.shown !== Math.min(5000, all)) throw new Error(`viewer shows ${opened.shown} of ${opened.total}, expected ${Math.min(5000, all)} of ${all}`);
    await page.waitForFunction(() => window.__viewer.slide.stats.renders >= 1);
    const box = await page.locator('#slide-map').boundingBox();
    const [x0, y0] = [box.x + box.width / 2, box.y + box.height / 2];
    // Record every animation frame during the drag.
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (window.__recording) requestAnimationFrame(tick);
      };
      window.__recording = true;
      requestAnimationFrame(tick);
    });
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let k = 1; k <= FRAMES; k++) {
      const phase = (k / FRAMES) * 2 * Math.PI;
      await page.mouse.move(x0 + 220 * Math.sin(phase), y0 + 120 * Math.sin(2 * phase));
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      window.__recording = false;
      return window.__frames.slice(1);
    });
    await context.close();
    return {
      dataset: 'large', image: image.id, shapesInView: opened.shown, annotationsInView: opened.total, moves: FRAMES, frames: frames.length,
      medianFrameMs: round(median(frames)), p95FrameMs: round(quantile(frames, 0.95)), maxFrameMs: round(Math.max(...frames)),
      framesOver33ms: frames.filter((f) => f > 33.4).length,
    };
  });
}

const load = loadavg()[0];
const results = {
  date: new Date().toISOString(),
  command: `node bench/viewer.mjs --runs ${RUNS} --frames ${FRAMES}`,
  loadAverageAtStart: round(load),
  firstDraw: [await firstDraw('demo', 'PANC-Biopsies'), await firstDraw('large', 'Benchmark-Large')],
  panning: await panning(),
  loadAverageAtEnd: round(loadavg()[0]),
};
writeFileSync(path.join(ROOT, 'bench', 'viewer-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('| data | annotations of the image | shapes drawn | first tiles (cold / warm median) | first shapes (cold / warm median) |');
console.log('|---|---|---|---|---|');
for (const r of results.firstDraw) {
  console.log(`| ${r.dataset} (${r.project}) | ${r.annotationsOfImage} | ${r.shapesShown} | ${r.cold.firstTilesMs} / ${r.warm?.firstTilesMs ?? '-'} ms | ${r.cold.firstShapesMs} / ${r.warm?.firstShapesMs ?? '-'} ms |`);
}
const p = results.panning;
console.log(`\nPanning (${p.shapesInView} shapes drawn of ${p.annotationsInView} in view, ${p.frames} frames): median ${p.medianFrameMs} ms, p95 ${p.p95FrameMs} ms, max ${p.maxFrameMs} ms, ${p.framesOver33ms} frames over 33 ms`);
console.log(`load average ${results.loadAverageAtStart} → ${results.loadAverageAtEnd}`);
