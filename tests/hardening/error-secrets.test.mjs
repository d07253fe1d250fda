// A server or proxy that echoes the request (its Authorization header, its query) must not put
// the connection's secrets into a CytomineError: the token, the private key and the signature
// sent are removed from the server's text, whatever shape it comes in (JSON shapes A and B, an
// HTML error page, plain text, a 2xx body that is not JSON), as is or percent-encoded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Cytomine, CytomineError } from '../../js/index.js';

let server;
let url;
let shape;
const seen = [];

before(async () => {
  server = http.createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    seen.push(auth);
    const echo = `header ${auth} | query ${req.url} | encoded ${encodeURIComponent(auth)}`;
    const answers = {
      A: [400, 'application/json', JSON.stringify({ errors: { message: `Bad request: ${echo}` }, errorValues: {} })],
      B: [409, 'application/json', JSON.stringify({ success: false, errors: `Conflict: ${echo}`, errorValues: {} })],
      escaped: [400, 'application/json', JSON.stringify({ errors: { message: `Bad: ${auth}` } }).replaceAll('/', '\\/')],
      html: [403, 'text/html', `<!doctype html><html><head><title>403</title></head><body><h1>Forbidden for ${echo}</h1></body></html>`],
      text: [404, 'text/plain', `Not found: ${echo}`],
      'not-json': [200, 'text/plain', `proxy says ${echo}`],
    };
    const [status, type, body] = answers[shape];
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const PRIVATE = 'priv/ate+Key=0123456789';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const connections = {
  'API keys': () => new Cytomine(url, { publicKey: 'public-key-1', privateKey: PRIVATE, retries: 0 }),
  token: () => new Cytomine(url, { token: TOKEN, retries: 0 }),
  'token function': () => new Cytomine(url, { token: async () => TOKEN, retries: 0 }),
};

for (const [name, connect] of Object.entries(connections)) {
  test(`${name}: no secret of the request reaches the error, whatever the server echoes`, async () => {
    const c = connect();
    for (shape of ['A', 'B', 'escaped', 'html', 'text', 'not-json']) {
      const before = seen.length;
      const error = await c.request('GET', 'project/1.json', { query: { q: 'x y' } }).then(() => null, (e) => e);
      assert.ok(error instanceof CytomineError, shape);
      // The first request of a connection may be the generation probe, sent without credentials.
      const auth = seen.slice(before).find(Boolean) ?? '';
      const credential = auth.startsWith('Bearer ') ? auth.slice(7) : auth.split(':')[1];
      assert.ok(credential.length >= 20, `${shape}: the server saw the credential`);
      const everything = `${error.message} ${error.serverMessage} ${JSON.stringify(error)} ${String(error)} ${error.stack}`;
      for (const secret of [credential, encodeURIComponent(credential), PRIVATE, encodeURIComponent(PRIVATE), TOKEN, credential.replaceAll('/', '\\/')]) {
        assert.ok(!everything.includes(secret), `${shape}: ${secret} in ${everything}`);
      }
      assert.match(everything, /\[redacted\]/, shape);
      // The rest of the server's text is kept.
      assert.match(error.message, shape === 'not-json' ? /proxy says header/ : /header|Bad/, shape);
    }
  });
}
