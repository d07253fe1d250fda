// A catalogue of bad inputs: wrong arguments, hostile ids, malformed or hostile responses. Each
// must give a CytomineError with the expected message (or, where the input is merely unusual,
// the right value), and the same module instance must serve a normal request afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeFetch } from '../support/fake-fetch.mjs';
import { Cytomine, CytomineError } from '../../js/index.js';

const PROJECT = { id: 5, name: 'P1', class: 'be.cytomine.domain.project.Project' };
const LIST = { collection: [PROJECT], offset: 0, perPage: 1, size: 1, totalPages: 1 };
const html = (status, h1) => ({ status, body: `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>${h1}</h1></body></html>`, headers: { 'content-type': 'text/html' } });
const json = (body, status = 200, headers = {}) => ({ status, body, headers: { 'content-type': 'application/json', ...headers } });

let fake;
let answer;
let cytomine;
let m;
before(() => {
  fake = installFakeFetch((r) => answer(r));
  cytomine = new Cytomine('cytomine.test', { publicKey: 'pub', privateKey: 'priv', retries: 1, retryDelayMs: 1, timeoutMs: 100, maxResponseBytes: 1024 * 1024 });
  m = cytomine.models;
});
after(() => fake.restore());

const invalid = (message) => ({ kind: 'invalid-argument', message });
const cases = [
  // Ids and path tricks: refused before any request.
  ['path traversal id', () => m.Project.fetch('1/../2'), invalid(/^invalid id: "1\/\.\.\/2"/)],
  ['NaN id', () => m.Project.fetch(NaN), invalid(/^invalid id: NaN/)],
  ['negative id', () => m.Project.fetch(-1), invalid(/^invalid id: a negative number/)],
  ['fractional id', () => m.Project.fetch(1.5), invalid(/^invalid id: not an integer/)],
  ['zero id', () => m.Project.fetch(0), invalid(/^invalid id: out of range/)],
  ['huge id', () => m.Project.fetch(2 ** 53), invalid(/^invalid id: above 2\^53 - 1, a JS number cannot hold it exactly \(give it as a decimal string\)/)],
  ['id 2^53 + 2 (a JS number, maybe rounded)', () => m.Project.fetch(2 ** 53 + 2), invalid(/^invalid id: above 2\^53 - 1, a JS number cannot hold it exactly \(give it as a decimal string\)/)],
  ['id beyond Long as a string', () => m.Project.fetch('9223372036854775808'), invalid(/^invalid id: "9223372036854775808"/)],
  ['unsafe integer in a query (a rounded project id)', () => cytomine.request('GET', 'annotation.json', { query: { project: 2 ** 53 + 2 } }), invalid(/^invalid query parameter `project`: a number above 2\^53 - 1/)],
  ['unsafe integer in a list filter', () => cytomine.request('GET', 'annotation.json', { query: { project: 1, terms: [1, 2 ** 60] } }), invalid(/^invalid query parameter `terms`/)],
  ['unsafe integer in a query operator', () => m.ProjectCollection.fetchAll({ id: { gte: -(2 ** 54) } }), invalid(/^invalid query parameter `id\[gte\]`/)],
  ['huge number id', () => m.Project.fetch(1e300), invalid(/^invalid id: above 2\^53 - 1, a JS number cannot hold it exactly \(give it as a decimal string\)/)],
  ['Infinity id', () => m.Project.fetch(Infinity), invalid(/^invalid id: Infinity/)],
  ['empty string id', () => m.Project.fetch(''), invalid(/^invalid id: ""/)],
  ['id with a space', () => m.Project.fetch(' 12'), invalid(/^invalid id: " 12"/)],
  ['id with letters', () => m.Project.fetch('12abc'), invalid(/^invalid id: "12abc"/)],
  ['full-width digits', () => m.Project.fetch('１２'), invalid(/^invalid id: "１２"/)],
  ['encoded slash id', () => m.Project.fetch('1%2F2'), invalid(/^invalid id: "1%2F2"/)],
  ['object id', () => m.Project.fetch({}), invalid(/^invalid id: an object/)],
  ['boolean id', () => m.Project.fetch(true), invalid(/^invalid id: not a number/)],
  ['symbol id', () => m.Project.fetch(Symbol('x')), invalid(/^invalid id: not a number/)],
  ['10 MB string id', () => m.Project.fetch('9'.repeat(10_000_000)), invalid(/^invalid id: "9{80}…" \(expected a positive integer id\)$/)],
  ['null id', () => m.Project.fetch(null), invalid(/^Cannot fetch a Project with no id$/)],
  ['bad path argument', () => new m.Project({ id: 3 }).addUser('x/1'), invalid(/^invalid user: "x\/1"/)],
  ['bad filter value', () => new m.ImageInstanceCollection({ filterKey: 'project', filterValue: '../user' }).fetchAll(), invalid(/^invalid filterValue: "\.\.\/user"/)],
  // Wrong arguments and options.
  ['ftp host', () => new Cytomine('ftp://x'), invalid(/^host must use http:\/\/ or https:\/\//)],
  ['host with a space', () => new Cytomine('http://a b'), invalid(/^invalid host: "http:\/\/a b"/)],
  ['host not a string', () => new Cytomine(42), invalid(/^host must be a string/)],
  ['timeout not a number', () => new Cytomine('x', { timeoutMs: 'soon' }), invalid(/^option `timeoutMs` must be a number between 1 and 3600000$/)],
  ['unknown credentials mode', () => new Cytomine('x', { credentials: 'all' }), invalid(/^option `credentials` must be one of 'omit', 'same-origin', 'include'$/)],
  ['unknown cache mode', () => new Cytomine('x', { cache: 'only-if-cached' }), invalid(/^option `cache` must be one of 'default', 'no-store', 'reload', 'no-cache', 'force-cache'$/)],
  ['cache mode of a request not a string', () => cytomine.request('GET', 'project.json', { cache: 1 }), invalid(/^option `cache` must be a string \(GET /)],
  ['half an API key', () => new Cytomine('x', { publicKey: 'a' }), invalid(/^API keys need both publicKey and privateKey$/)],
  ['token of the wrong type', () => new Cytomine('x', { token: 42 }), invalid(/^token must be a string or a function returning one$/)],
  ['keys and token', () => new Cytomine('x', { publicKey: 'a', privateKey: 'b', token: 't' }), invalid(/^give either API keys or a token, not both$/)],
  ['token with a line break', () => new Cytomine('x', { token: 'abc\r\nX-Injected: 1' }), invalid(/^token must not contain line breaks or NUL$/)],
  ['public key with a line break', () => new Cytomine('x', { publicKey: 'a\nb', privateKey: 'b' }), invalid(/^publicKey must not contain line breaks or NUL$/)],
  ['token function returning a line break', () => new Cytomine('c.test', { token: () => 'a\nb' }).models.Project.fetch(1), { kind: 'auth', message: /^the token function did not return a non-empty string without line breaks \(GET \/api\/project\/1.json\)$/ }],
  ['unknown filter', () => new m.ProjectCollection({ filterKey: 'image', filterValue: 1 }), invalid(/does not accept the filter "image"/)],
  ['negative page size', () => new m.ProjectCollection({ nbPerPage: -1 }), invalid(/^nbPerPage must be a non-negative integer$/)],
  ['fractional page', () => new m.ProjectCollection({ nbPerPage: 10 }).fetchPage(1.5), invalid(/^page number must be an integer$/)],
  ['BigInt in a body', () => new m.Project({ name: 'x', big: 10n }).save(), invalid(/^the request body cannot be serialised to JSON/)],
  ['function as a body', () => cytomine.request('POST', 'project.json', { body: () => 1 }), invalid(/^the request body cannot be serialised to JSON/)],
  ['circular body', () => { const p = new m.Project({ name: 'x' }); p.self = p; return p.save(); }, invalid(/^the request body cannot be serialised to JSON/)],
  ['crop format', () => new m.Annotation({ id: 3 }).fetchCrop({ format: 'gif' }), invalid(/^format must be png, jpg or webp$/)],
  ['populate with a string', () => new m.Project().populate('x'), invalid(/^Project.populate expects an object$/)],
  // Hostile and malformed responses.
  ['empty 200 body', () => m.Project.fetch(1), { kind: 'decode', message: /^unexpected response: expected a JSON object/ }, () => json('')],
  ['truncated JSON', () => m.Project.fetch(1), { kind: 'decode', message: /not JSON: \{"id": 1, "na/ }, () => json('{"id": 1, "na')],
  ['plain text', () => m.Project.fetch(1), { kind: 'decode', message: /^the server answered 200 with a body that is not JSON: hello/ }, () => json('hello')],
  ['HTML login page with 200', () => m.Project.fetch(1), { kind: 'decode', message: /not JSON: Please log in/ }, () => ({ ...html(200, 'Please log in') })],
  ['HTML 500 page', () => m.Project.fetch(1), { kind: 'http', status: 500, message: /^500 Internal Server Error: Something broke \(GET \/api\/project\/1.json\)$/ }, () => html(500, 'Something broke')],
  ['HTML 502 page', () => m.Project.fetch(1), { kind: 'http', status: 502, message: /^502 Bad Gateway: Bad Gateway/ }, () => html(502, 'Bad Gateway')],
  ['401 HTML page', () => m.Project.fetch(1), { kind: 'auth', status: 401, message: /^401 Unauthorized: authentication failed/ }, () => html(401, 'Authorization required')],
  ['403 shape A', () => m.Project.fetch(1), { kind: 'http', status: 403, message: /You don't have the right/ }, () => json({ errors: { message: "You don't have the right to read or modify this resource!" }, errorValues: {} }, 403)],
  ['409 shape B', () => new m.Project({ name: 'P1' }).save(), { kind: 'http', status: 409, message: /Project P1 already exist!/ }, () => json({ success: false, errors: 'Project P1 already exist!', errorValues: {} }, 409)],
  ['429 then 429', () => m.Project.fetch(1), { kind: 'http', status: 429, message: /^429 Too Many Requests/ }, () => json({ message: 'slow down' }, 429, { 'retry-after': '0' })],
  ['array instead of object', () => m.Project.fetch(1), { kind: 'decode', message: /expected a JSON object/ }, () => json([1, 2])],
  ['string instead of object', () => m.Project.fetch(1), { kind: 'decode', message: /expected a JSON object/ }, () => json('"x"')],
  ['collection not an array', () => m.ProjectCollection.fetchAll(), { kind: 'decode', message: /`collection` is not an array/ }, () => json({ collection: {}, size: 1 })],
  ['null list envelope', () => m.ProjectCollection.fetchAll(), { kind: 'decode', message: /expected a list envelope/ }, () => json('null')],
  ['list items that are not objects', () => m.ProjectCollection.fetchAll(), { kind: 'decode', message: /items must be objects/ }, () => json({ collection: [1, null], size: 2 })],
  ['command response without the object', () => new m.Project({ name: 'x' }).save(), { kind: 'decode', message: /command response with `project`/ }, () => json({ message: 'ok', command: 3 })],
  ['network error', () => m.Project.fetch(1), { kind: 'network', message: /^network error/ }, () => { throw new TypeError('fetch failed'); }],
  ['no answer (timeout)', () => m.Project.fetch(1), { kind: 'timeout', message: /^no complete response within 100 ms/ }, () => 'hang'],
  ['body over the limit, declared', () => m.Project.fetch(1), { kind: 'too-large', message: /larger than the limit of 1048576 bytes/ }, () => json(JSON.stringify({ id: 1, name: 'x'.repeat(2e6) }), 200, { 'content-length': String(2e6 + 20) })],
  ['body over the limit, streamed', () => m.Project.fetch(1), { kind: 'too-large', message: /larger than the limit of 1048576 bytes/ }, () => json(JSON.stringify({ id: 1, name: 'x'.repeat(2e6) }))],
  // Unusual but valid data: accepted with the right values.
  ['unexpected nulls', () => m.Project.fetch(1), { value: (p) => p.name === null && p.ontology === null && p.id === 1 }, () => json({ id: 1, name: null, ontology: null })],
  ['Unicode names', () => m.Project.fetch(1), { value: (p) => p.name === 'Prostate 前立腺 🧪 ‮' }, () => json({ id: 1, name: 'Prostate 前立腺 🧪 ‮' })],
  ['10 MB string field', () => new Cytomine('c.test', { token: 't' }).models.Project.fetch(1), { value: (p) => p.name.length === 10_000_000 }, () => json({ id: 1, name: 'é'.repeat(10_000_000) })],
  ['wrong field types, then a write', async () => (await m.Project.fetch(1)).update(), invalid(/^invalid id: "abc"/), () => json({ id: 'abc', name: 5 })],
  ['huge number id from the server, then a write', async () => (await m.Project.fetch(1)).delete(), invalid(/^invalid id: above 2\^53 - 1, a JS number cannot hold it exactly \(give it as a decimal string\)/), () => json({ id: 1e300 })],
  ['id above 2^53 from the server (rounded by JSON.parse), then a fetch', async () => (await m.Project.fetch(1)).fetch(), invalid(/^invalid id: above 2\^53 - 1, a JS number cannot hold it exactly \(give it as a decimal string\)/), () => json('{"id":9007199254740993,"name":"x"}')],
];

test(`catalogue of ${cases.length} bad inputs`, async (t) => {
  assert.ok(cases.length >= 40);
  for (const [name, act, expected, respond] of cases) {
    await t.test(name, async () => {
      answer = respond ?? (() => json(PROJECT));
      const before = fake.requests.length;
      // Node's AbortSignal.timeout does not keep the process alive; a real socket would.
      const keepAlive = setInterval(() => {}, 1000);
      let outcome;
      try {
        outcome = { value: await act() };
      } catch (error) {
        outcome = { error };
      } finally {
        clearInterval(keepAlive);
      }
      if (expected.value) {
        assert.ok(!outcome.error, `unexpected error: ${outcome.error?.message}`);
        assert.ok(expected.value(outcome.value), 'wrong value');
      } else {
        assert.ok(outcome.error, 'no error');
        assert.ok(outcome.error instanceof CytomineError, `not a CytomineError: ${outcome.error}`);
        assert.equal(outcome.error.kind, expected.kind, outcome.error.message);
        assert.match(outcome.error.message, expected.message);
        if (expected.status) assert.equal(outcome.error.status, expected.status);
        if (expected.kind === 'invalid-argument' && !respond) assert.equal(fake.requests.length, before, 'a request was sent');
      }
      // The same module instance still serves a normal request.
      answer = () => json(PROJECT);
      assert.equal((await m.Project.fetch(5)).name, 'P1');
      answer = () => json(LIST);
      assert.equal((await m.ProjectCollection.fetchAll()).get(0).name, 'P1');
    });
  }
});

test('ids beyond 2^53 given as decimal strings are sent exactly', async () => {
  answer = () => json({ id: '9007199254740993', name: 'big' });
  const before = fake.requests.length;
  const project = await m.Project.fetch('9007199254740993');
  await cytomine.request('GET', 'annotation.json', { query: { project: '9223372036854775807', terms: ['9007199254740995', 2] } });
  const urls = fake.requests.slice(before).map((r) => new URL(r.url));
  assert.deepEqual(urls.map((u) => u.pathname + u.search), [
    '/api/project/9007199254740993.json',
    '/api/annotation.json?project=9223372036854775807&terms=9007199254740995,2',
  ]);
  assert.equal(project.id, '9007199254740993');
});
