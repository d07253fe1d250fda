// Failures give a clear message, never a blank page: wrong keys, a missing gateway rule
// (dateFull not copied into Date), a server that stopped, a page without demo keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, connect, screenshot } from './demo-harness.mjs';

test('wrong keys show an authentication error on the connect form', async () => {
  const demo = await startDemo();
  try {
    const { page, server } = demo;
    await page.goto(`${server.url}/`);
    await page.locator('#private-key').fill('not-the-right-private-key');
    await page.locator('#connect-button').click();
    const error = page.locator('.connect .error-box');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-kind'), 'auth');
    assert.match(await error.innerText(), /Authentication failed/);
    assert.match(await error.innerText(), /401/);
    assert.equal(await page.locator('#connect-button').isEnabled(), true, 'the user can try again');
    assert.match(await page.locator('#connection-status').innerText(), /Not connected/);
    await screenshot(page, '09-error-wrong-keys');

    // Missing fields are caught before any request.
    await page.locator('#public-key').fill('');
    await page.locator('#connect-button').click();
    assert.match(await page.locator('.connect .error-box').innerText(), /public key/);
  } finally {
    await demo.close();
  }
});

test('a gateway without the dateFull rule gives the explanation', async () => {
  const demo = await startDemo();
  try {
    const { page, server } = demo;
    // Simulate a proxy that does not copy dateFull into Date: drop dateFull on the way.
    await page.route('**/api/**', (route) => {
      const headers = { ...route.request().headers() };
      delete headers.datefull;
      route.continue({ headers });
    });
    await page.goto(`${server.url}/`);
    await page.locator('#connect-button').click();
    const error = page.locator('.connect .error-box');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-kind'), 'auth');
    assert.match(await error.innerText(), /dateFull/);
    await screenshot(page, '10-error-gateway-rule');
  } finally {
    await demo.close();
  }
});

test('a stopped server shows a network error, on connect and while browsing', async () => {
  const demo = await startDemo();
  try {
    const { page, server } = demo;
    await connect(page, server.url);
    const projectCard = page.locator('.project-card').first();
    await projectCard.waitFor();
    await demo.stopServer();

    await projectCard.click();
    const error = page.locator('.error-box');
    await error.waitFor({ timeout: 20000 });
    assert.equal(await error.getAttribute('data-kind'), 'network');
    assert.match(await error.innerText(), /Cannot reach the server/);
    assert.equal(await page.locator('.error-box button', { hasText: 'Try again' }).count(), 1);
    await screenshot(page, '11-error-server-stopped');

    // Back on the connect form, connecting fails with the same clear message.
    await page.locator('button[aria-label="Disconnect from Cytomine"]').click();
    await page.locator('#connect-button').click();
    const connectError = page.locator('.connect .error-box');
    await connectError.waitFor({ timeout: 20000 });
    assert.equal(await connectError.getAttribute('data-kind'), 'network');
  } finally {
    await demo.close();
  }
});

test('an unreachable upstream Cytomine is reported as such', async () => {
  // `npm start -- --upstream <url>` with a server that does not answer: the gateway says 502.
  const demo = await startDemo({ credentials: false, upstream: 'http://127.0.0.1:9' });
  try {
    const { page, server, alice } = demo;
    await page.goto(`${server.url}/`);
    await page.locator('#public-key').fill(alice.publicKey);
    await page.locator('#private-key').fill(alice.privateKey);
    await page.locator('#connect-button').click();
    const error = page.locator('.connect .error-box');
    await error.waitFor({ timeout: 20000 });
    assert.equal(await error.getAttribute('data-status'), '502');
    assert.match(await error.innerText(), /gateway cannot reach Cytomine/);
    await screenshot(page, '13-error-upstream-unreachable');
  } finally {
    await demo.close();
  }
});

test('without demo-credentials.json (real upstream) the fields are empty and required', async () => {
  const demo = await startDemo({ credentials: false });
  try {
    const { page, server, alice } = demo;
    await page.goto(`${server.url}/`);
    await page.locator('#connect-button').waitFor();
    assert.equal(await page.locator('#demo-user').count(), 0);
    assert.equal(await page.locator('#public-key').inputValue(), '');
    await page.locator('#connect-button').click();
    assert.match(await page.locator('.connect .error-box').innerText(), /public key/);

    // A token works too.
    await page.locator('#method-token').check();
    await page.locator('#token').fill(alice.token);
    await page.locator('#connect-button').click();
    await page.locator('.project-card').first().waitFor();
    assert.ok(server.requests.some((r) => r.auth === 'bearer' && r.user === 'alice'));
  } finally {
    await demo.close();
  }
});
