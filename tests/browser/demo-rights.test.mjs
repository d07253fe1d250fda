// What the user may change, shown before a change fails: the role in the project (from the
// members list, as Cytomine's UI reads it), read-only and restricted projects, guest accounts;
// users who are members of no project, and the admin session offered to an administrator;
// "Open in Cytomine" when the server has no Cytomine web UI (the emulator).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, screenshot, galleryState } from './demo-harness.mjs';

let demo;
let projects;
before(async () => {
  demo = await startDemo();
  projects = (await demo.models.ProjectCollection.fetchAll()).array;
});
after(async () => {
  await demo?.close();
});

const projectNamed = (name) => demo.server.state.all('project').find((p) => p.name === name);

async function connectAs(username) {
  const { page, server } = demo;
  // The previous test may end with Escape, which closes the detail with `history.back()`: that
  // navigation can still be under way and abort this one (net::ERR_ABORTED). Then go again.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(`${server.url}/`);
      break;
    } catch (e) {
      if (attempt >= 3 || !/ERR_ABORTED/.test(String(e?.message))) throw e;
      await page.waitForLoadState().catch(() => {});
    }
  }
  await page.locator('#demo-user').selectOption(username);
  await page.locator('#connect-button').click();
  // Connecting (ping, user, roles, projects) can take a while on a loaded machine.
  await page.locator('.project-card, #no-project').first().waitFor({ timeout: 30000 });
}

async function openProject(name) {
  const { page } = demo;
  await page.locator(`.project-card[data-project-id="${projectNamed(name).id}"]`).click();
  return galleryState(page);
}

test('the project page says the user\'s role: alice manages PANC-Biopsies', async () => {
  const { page } = demo;
  await connectAs('alice');
  await openProject('PANC-Biopsies');
  const role = page.locator('#my-role');
  assert.equal(await role.getAttribute('data-role'), 'manager');
  assert.equal(await role.getAttribute('data-mode'), 'classic');
  assert.equal(await role.textContent(), 'You are a manager of this project.');
});

test('a read-only project: the detail says so before a change, and the refusal says why', async () => {
  const { page, models } = demo;
  await connectAs('bob');
  const { ids } = await openProject('Placenta-Archive');
  assert.match(await page.locator('#my-role').textContent(), /^You are a contributor of this read-only project\. This project is read-only: only its managers can change its annotations\.$/);
  await page.locator(`.annotation-card[data-annotation-id="${ids[0]}"]`).click();
  await page.locator('#edit-rights-note').waitFor();
  assert.match(await page.locator('#edit-rights-note').textContent(), /read-only/);
  const before = (await models.Annotation.fetch(ids[0])).term;
  const option = await page.locator('#add-term-select option:not([value=""])').first().getAttribute('value');
  await page.locator('#add-term-select').selectOption(option);
  await page.locator('#add-term-button').click();
  const error = page.locator('.detail-terms .error-box');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-status'), '403');
  assert.match(await error.locator('.error-hint').textContent(), /read-only: only its managers/);
  assert.deepEqual((await models.Annotation.fetch(ids[0])).term, before);
  await screenshot(page, '23-read-only-project');
  await page.keyboard.press('Escape');
});

test('a restricted project: the note shows on others\' annotations only', async () => {
  const { page, server } = demo;
  const bobId = server.state.all('user').find((u) => u.username === 'bob').id;
  await page.locator('.breadcrumb a').click();
  const { ids } = await openProject('Skin-Melanoma');
  assert.equal(await page.locator('#my-role').getAttribute('data-mode'), 'restricted');
  const owners = ids.map((id) => [id, server.state.get('annotation', id).user]);
  const mine = owners.find(([, u]) => u === bobId);
  const theirs = owners.find(([, u]) => u !== bobId);
  assert.ok(mine && theirs, 'bob has annotations there, and others too');
  await page.locator(`.annotation-card[data-annotation-id="${theirs[0]}"]`).click();
  await page.locator('#edit-rights-note').waitFor();
  assert.match(await page.locator('#edit-rights-note').textContent(), /restricted: you can change only your own annotations/);
  await page.keyboard.press('Escape');
  await page.locator('#annotation-detail').waitFor({ state: 'detached' });
  await page.locator(`.annotation-card[data-annotation-id="${mine[0]}"]`).click();
  await page.locator('#add-term-select').waitFor();
  assert.equal(await page.locator('#edit-rights-note').count(), 0, 'his own annotation: no note');
  await page.keyboard.press('Escape');
});

test('a guest account: the role line says so, and a refused comment says why', async () => {
  const { page } = demo;
  await connectAs('guest');
  const { ids } = await openProject('PANC-Biopsies');
  assert.match(await page.locator('#my-role').textContent(), /contributor with a guest account/);
  await page.locator(`.annotation-card[data-annotation-id="${ids[0]}"]`).click();
  await page.locator('#comment-input').fill('A guest writes');
  await page.locator('#add-comment-button').click();
  const error = page.locator('#detail-comments .error-box');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-status'), '403');
  assert.match(await error.locator('.error-hint').textContent(), /guest account/);
  await page.keyboard.press('Escape');
});

test('a user who is a member of no project is told so', async () => {
  const { page } = demo;
  await connectAs('dave');
  await page.locator('#no-project').waitFor();
  assert.match(await page.locator('#no-project').textContent(), /dave is a member of no project on this server\..*Ask a project manager/);
  assert.equal(await page.locator('#open-admin-session').count(), 0);
});

test('an administrator with no project is offered the admin session, which lists every project', async () => {
  const { page } = demo;
  await connectAs('admin');
  await page.locator('#open-admin-session').waitFor();
  await screenshot(page, '24-admin-no-project');
  await page.locator('#open-admin-session').click();
  await page.locator('#admin-session-badge').waitFor();
  const every = demo.server.state.all('project');
  assert.ok(every.length > projects.length, 'more than alice sees');
  await page.waitForFunction((n) => document.querySelectorAll('.project-card').length === n, every.length);
  const all = await page.$$eval('.project-card', (cs) => cs.map((c) => Number(c.dataset.projectId)).sort((a, b) => a - b));
  assert.deepEqual(all, demo.server.state.all('project').map((p) => p.id).sort((a, b) => a - b));
  await demo.models.ProjectCollection.fetchAll(); // alice's connection is unaffected
});

test('"Open in Cytomine" on the emulator (no Cytomine web UI) opens the demo\'s viewer on the annotation', async () => {
  const { page, models } = demo;
  await connectAs('alice');
  const { ids } = await openProject('PANC-Biopsies');
  const a = await models.Annotation.fetch(ids[0]);
  await page.locator(`.annotation-card[data-annotation-id="${a.id}"]`).click();
  const link = page.locator('#open-in-cytomine');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), a.imageURL);
  assert.equal(await link.getAttribute('data-target'), 'demo-viewer');
  assert.equal(await link.getAttribute('target'), null, 'same tab: the connection stays');
  await link.click();
  await page.waitForFunction(() => document.getElementById('viewer-selection')?.textContent.includes('#'));
  assert.equal(new URL(page.url()).hash.split('?')[0], `#/project/${a.project}/image/${a.image}`);
  assert.equal(await page.locator('#viewer-selection').textContent(), `Annotation #${a.id} selected.`);
});

test('no page error', () => {
  assert.deepEqual(demo.pageErrors.map((e) => e.message), []);
});
