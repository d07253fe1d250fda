// Chromium driven over the DevTools protocol through a pipe, using only the Target, Runtime,
// Performance, HeapProfiler and Profiler domains: nothing instruments the page's requests, as in
// a user's browser. Playwright enables the Network domain on every page, which costs each request
// about half a millisecond and a `fetch` more than an XHR (bench/README.md "Findings"), so the
// benchmark drives Chromium this way; `withBenchPage({ driver: 'playwright' })` shows the difference.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH, CHROMIUM_FLAGS } from '../../tests/support/browser.mjs';

/** Starts a headless Chromium; resolves to `{ version, newContext(), close() }`. */
export async function launchPipeBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'cytomine-bench-cdp-'));
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_FLAGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const send = connect(child.stdio[3], child.stdio[4], exited);
  const { product } = await send('Browser.getVersion');

  return {
    /** e.g. `156.0.8078.108`. */
    version: product.split('/').pop(),

    /** A fresh browser context: its own renderer processes, HTTP cache and storage. */
    async newContext() {
      const { browserContextId } = await send('Target.createBrowserContext');
      return {
        /**
         * A tab on `url`, resolved once `ready` (an expression) is true. `evaluate(fn, arg)`
         * runs `fn(arg)` in the page (as Playwright's `page.evaluate`) and returns its JSON
         * value; `send(method, params)` is a DevTools command on the page.
         */
        async open(url, ready = 'true') {
          const { targetId } = await send('Target.createTarget', { url, browserContextId });
          const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
          const onPage = (method, params) => send(method, params, sessionId);
          const run = async (expression) => {
            const { result, exceptionDetails } = await onPage('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
            if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
            return result.value;
          };
          for (let i = 0; !(await run(`(${ready}) === true`).catch(() => false)); i++) {
            if (i === 300) throw new Error(`${url} did not become ready in 15 s`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return { evaluate: (fn, arg) => run(`(${fn})(${JSON.stringify(arg)})`), send: onPage };
        },
        close: () => send('Target.disposeBrowserContext', { browserContextId }),
      };
    },

    async close() {
      await Promise.race([send('Browser.close').catch(() => {}), exited]);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      child.kill();
      // Helper processes may still be writing to the profile for a moment.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** `send(method, params, sessionId)` over the pipe: NUL-terminated JSON messages both ways. */
function connect(toBrowser, fromBrowser, exited) {
  const waiting = new Map();
  let nextId = 0;
  let buffered = '';
  toBrowser.on('error', () => {}); // writes after Chromium exited: their replies are rejected below
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const reply = waiting.get(message.id); // events (no id) are not used
      if (!reply) continue;
      waiting.delete(message.id);
      if (message.error) reply.reject(new Error(`${reply.method}: ${message.error.message}`));
      else reply.resolve(message.result);
    }
  });
  exited.then(() => {
    for (const reply of waiting.values()) reply.reject(new Error(`${reply.method}: Chromium exited`));
    waiting.clear();
  });
  return (method, params = {}, sessionId = undefined) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
}
