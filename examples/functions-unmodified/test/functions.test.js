'use strict';
// The Functions in functions/ run unchanged under twilio-run, started by `./syncwire exec --proxy`:
// their context.getTwilioClient() and Runtime.getSync() reach the fake through the proxy (no
// baseUrl anywhere), and the fake's webhooks reach the protected sync-webhook Function, signed.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const twilio = require('twilio');
const { startStack } = require('./support/stack');

let stack;
let syncApi; // the fake's Sync API, dialled directly: how the tests look at state, never how the Functions do

before(async () => {
  stack = await startStack();
  const { SYNCWIRE_SYNC_BASE_URL: base, TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token } = stack.env;
  assert.ok(stack.env.HTTPS_PROXY || stack.env.HTTP_PROXY, `exec --proxy wrote no proxy variable:\n${stack.output()}`);
  const auth = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
  syncApi = async (method, path, form) => {
    const res = await fetch(`${base}/v1${path}`, {
      method, headers: { Authorization: auth }, body: form && new URLSearchParams(form),
    });
    return { status: res.status, body: await res.json() };
  };
  // As in the Console: the default service's webhook_url is the protected Function.
  const updated = await syncApi('POST', '/Services/default', { WebhookUrl: `${stack.functionsUrl}/sync-webhook` });
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
}, { timeout: 420000 });

after(() => stack?.stop());

const call = async (fn, params) => {
  const res = await fetch(`${stack.functionsUrl}/${fn}`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: await res.text() };
};

const control = async (path) => {
  const res = await fetch(`${stack.env.SYNCWIRE_CONTROL_URL}${path}`);
  return { status: res.status, body: await res.json() };
};

describe('Functions, unmodified, reach the fake', () => {
  it('presence (Runtime.getSync()) writes a map item into the default service', async () => {
    const res = await call('presence', { userId: 'alice', status: 'online' });
    assert.equal(res.status, 200, `${res.body}\n${stack.output()}`);

    const item = await syncApi('GET', `/Services/${stack.env.TWILIO_SYNC_SERVICE_SID}/Maps/user-presence/Items/alice`);
    assert.equal(item.status, 200, JSON.stringify(item.body));
    assert.equal(item.body.data.status, 'online');
  });

  it('activity (context.getTwilioClient()) appends a list item and updates a document', async () => {
    assert.equal((await call('activity', { userId: 'bob', action: 'joined' })).status, 200);
    assert.equal((await call('activity', { userId: 'bob', action: 'left' })).status, 200);

    const service = stack.env.TWILIO_SYNC_SERVICE_SID;
    const items = await syncApi('GET', `/Services/${service}/Lists/activity-feed/Items`);
    assert.deepEqual(items.body.items.map((i) => i.data.action), ['joined', 'left']);
    const doc = await syncApi('GET', `/Services/${service}/Documents/last-activity`);
    assert.equal(doc.body.data.action, 'left');
  });
});

describe('the fake\'s webhooks reach the protected sync-webhook Function', () => {
  it('every change above was delivered, signed, and the Function accepted the signature', async () => {
    // The fake's own wait: returns once no webhook is queued or in flight.
    const idle = await control('/idle?timeout=PT30S');
    assert.equal(idle.status, 200, JSON.stringify(idle.body));
    const { deliveries } = (await control('/deliveries')).body;
    const expected = ['map_created', 'map_item_added', 'list_created', 'list_item_added', 'document_created',
      'list_item_added', 'document_updated'];
    assert.deepEqual(deliveries.map((d) => d.eventType).sort(), [...expected].sort());
    for (const d of deliveries) {
      assert.equal(d.url, `${stack.functionsUrl}/sync-webhook`);
      assert.equal(d.outcome, 'delivered', JSON.stringify(d));
      assert.equal(d.attempts.at(-1).status, 200, JSON.stringify(d));
    }

    const received = stack.webhooks();
    assert.equal(received.length, expected.length, JSON.stringify(received));
    for (const r of received) {
      assert.equal(r.valid, true, JSON.stringify(r));
      assert.equal(r.params.ServiceSid, stack.env.TWILIO_SYNC_SERVICE_SID);
    }
    assert.deepEqual(received.map((r) => r.params.EventType).sort(), [...expected].sort());
  });

  it('refuses a forged signature and accepts the same request signed with the auth token', async () => {
    const url = `${stack.functionsUrl}/sync-webhook`;
    const params = { EventType: 'document_updated', AccountSid: stack.env.TWILIO_ACCOUNT_SID,
      ServiceSid: stack.env.TWILIO_SYNC_SERVICE_SID, DocumentUniqueName: 'forged', DocumentData: '{}' };
    const post = (signature) => fetch(url, {
      method: 'POST', headers: { 'X-Twilio-Signature': signature }, body: new URLSearchParams(params),
    });
    const before = stack.webhooks().length;

    const forged = await post(twilio.getExpectedTwilioSignature('not-the-auth-token', url, params));
    assert.equal(forged.status, 403, await forged.text());
    const signed = await post(twilio.getExpectedTwilioSignature(stack.credentials.AUTH_TOKEN, url, params));
    assert.equal(signed.status, 200, await signed.text());

    assert.deepEqual(stack.webhooks().slice(before).map((r) => r.valid), [false, true]);
  });
});
