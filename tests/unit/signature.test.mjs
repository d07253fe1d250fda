import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { wasm } from '../../js/wasm.js';

test('the contract worked example signs as Node crypto does', () => {
  const message = 'GET\n\napplication/json\nMon, 01 Jan 2024 00:00:00 GMT\n/api/project.json?max=10&offset=0';
  assert.equal(wasm.hmacSha1Base64('private-key-1234', message), '08EiHcfcBDTfbDN3SRllxrbQ69Q=');
  assert.equal(wasm.hmacSha1Base64('private-key-1234', message), createHmac('sha1', 'private-key-1234').update(message).digest('base64'));
});

test('HMAC-SHA1 matches Node crypto on 2,000 random keys and messages', () => {
  for (let i = 0; i < 2000; i++) {
    // Keys longer than the 64-byte block, empty messages, multi-byte UTF-8.
    const key = randomBytes(i % 130).toString('base64');
    const message = `${'é漢'.repeat(i % 7)}${randomBytes(i % 300).toString('hex')}\n${i}`;
    const expected = createHmac('sha1', key).update(message).digest('base64');
    assert.equal(wasm.hmacSha1Base64(key, message), expected, `case ${i}`);
  }
});
