'use strict';
// `up --forward-to`: what the fake sends reaches a Node handler that checks it with twilio.validateRequest.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const twilio = require('twilio');
const { start, createTestContext } = require('..');

let sw;
let handler;
let handlerUrl;
const received = [];
let onRequest = () => {};

before(async () => {
  handler = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const valid = twilio.validateRequest(sw.env.TWILIO_AUTH_TOKEN, req.headers['x-twilio-signature'] ?? '',
        handlerUrl, params);
      received.push({ params, valid, headers: req.headers });
      onRequest();
      res.writeHead(valid ? 200 : 403, { 'Content-Type': 'text/plain' }).end(valid ? 'ok' : 'bad signature');
    });
  });
  await new Promise((resolve) => handler.listen(0, '127.0.0.1', resolve));
  handlerUrl = `http://127.0.0.1:${handler.address().port}/sync`;
  sw = await start({ forwardTo: handlerUrl });
});
after(async () => {
  await sw?.stop();
  handler?.close();
});

/** The data of the first `event: forward` frame on the receiver's event stream. */
async function nextForwardFrame(url) {
  const res = await fetch(url);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      if (lines.includes('event: forward')) {
        return lines.find((l) => l.startsWith('data: ')).slice(6); // leaving the loop cancels the stream
      }
    }
  }
  throw new Error('the event stream ended without a forward frame');
}

describe('up --forward-to', () => {
  it('forwards each accepted event, re-signed so twilio.validateRequest accepts it, and records the answer', async () => {
    const arrived = new Promise((resolve) => { onRequest = resolve; });
    const forwardFrame = nextForwardFrame(`${sw.receiverUrl}/api/events/stream`);
    const sync = createTestContext(sw.env).getTwilioClient().sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID);
    await sync.documents.create({ uniqueName: 'greeting', data: { hello: 'world' } });
    await arrived;

    assert.equal(received.length, 1);
    assert.equal(received[0].valid, true, 'twilio.validateRequest accepts the forward');
    assert.equal(received[0].params.EventType, 'document_created');
    assert.deepEqual(JSON.parse(received[0].params.DocumentData), { hello: 'world' });
    assert.equal(received[0].headers['user-agent'], 'TwilioProxy/1.1');

    const event = await sw.events.await({ type: 'document_created', object: 'greeting' });
    const frame = JSON.parse(await forwardFrame);
    assert.equal(frame.eventId, event.id);
    const forwards = (await (await fetch(`${sw.receiverUrl}/api/events/${event.id}`)).json()).forwards;
    assert.deepEqual(forwards, [frame.forward]);
    assert.equal(forwards[0].url, handlerUrl);
    assert.equal(forwards[0].status, 200);
    assert.equal(forwards[0].responseBody, 'ok');
    assert.equal(forwards[0].signed, true);
  });
});
