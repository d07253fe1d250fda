// Shared set-up of the demo page tests: an emulator in gateway mode serving a temporary copy of
// www/ (plus the demo-credentials.json that `npm start` writes), a headless Chromium page, a
// Node-side client for checking through the API, and screenshots kept as test artifacts.
import { mkdtempSync, cpSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from '../../emulator/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { Cytomine } from '../../js/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

/**
 * Starts the emulator + gateway and a browser page.
 * @param {{credentials?: boolean, viewport?: {width: number, height: number}, upstream?: string, core?: '5.2'|'2026', dataset?: string}} [options]
 */
export async function startDemo({ credentials = true, viewport = { width: 1366, height: 860 }, upstream, core = '2026', dataset = 'demo' } = {}) {
  const wwwDir = mkdtempSync(path.join(tmpdir(), 'cytomine-demo-www-'));
  cpSync(path.join(ROOT, 'www'), wwwDir, { recursive: true });
  // A file left by a local `npm start` must not leak into the tests.
  rmSync(path.join(wwwDir, 'demo-credentials.json'), { force: true });
  // Today's core, as `npm start` runs the demo (scripts/start.mjs).
  const server = await start({ port: 0, dataset, gateway: true, wwwDir, packageDir: ROOT, upstream, core });
  if (credentials) {
    const list = server.credentials.map(({ username, publicKey, privateKey, admin }) => ({ username, publicKey, privateKey, admin }));
    writeFileSync(path.join(wwwDir, 'demo-credentials.json'), JSON.stringify(list));
  }
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  page.setDefaultTimeout(15000);

  const alice = server.credentials.find((c) => c.username === 'alice');
  // A Node-side connection (not the page's) to check the page's effects through the API.
  const api = new Cytomine(server.url, { publicKey: alice.publicKey, privateKey: alice.privateKey });

  let closed = false;
  return {
    server,
    browser,
    page,
    pageErrors,
    api,
    models: api.models,
    alice,
    async stopServer() {
      if (!closed) await server.close();
      closed = true;
    },
    async close() {
      await browser.close().catch(() => {});
      if (!closed) await server.close();
      closed = true;
      rmSync(wwwDir, { recursive: true, force: true });
    },
  };
}

/** Opens the page and connects with the prefilled demo keys (alice). */
export async function connect(page, url) {
  await page.goto(`${url}/`);
  await page.locator('#connect-button').click();
  await page.locator('.project-card').first().waitFor();
}

/** Saves a screenshot under test-artifacts/screenshots/. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transient notifications would hide part of the screen.
  await page.evaluate(() => document.getElementById('toast')?.classList.remove('visible'));
  await page.waitForTimeout(250);
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** Waits until the gallery finished its current batch; resolves to {total, ids}. */
export async function galleryState(page) {
  await page.waitForFunction(() => {
    const g = document.querySelector('.gallery');
    return g && g.dataset.state !== 'loading' && g.dataset.total !== undefined;
  });
  return page.evaluate(() => {
    const g = document.querySelector('.gallery');
    return {
      total: Number(g.dataset.total),
      ids: [...document.querySelectorAll('.annotation-card')].map((b) => Number(b.dataset.annotationId)),
    };
  });
}
