'use strict';
// Runtime.getSync() (twilio-run, @twilio/runtime-handler) asks for the service named `default`:
// the fake answers it as its default service, naming the real SID, and fires the same webhooks.
const { it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start, createTestContext } = require('..');

let sw;
let client;

before(async () => {
  sw = await start();
  client = createTestContext(sw.env).getTwilioClient();
});
after(() => sw?.stop());

it('services("default") fetches the default service, with its real SID and unique name', async () => {
  const service = await client.sync.v1.services('default').fetch();
  assert.equal(service.sid, sw.env.TWILIO_SYNC_SERVICE_SID);
  assert.equal(service.uniqueName, 'default');
  // The URL names the SID, not `default`; its origin is the one the client dialled (baseUrl here).
  assert.ok(service.url.endsWith(`/v1/Services/${sw.env.TWILIO_SYNC_SERVICE_SID}`), service.url);
});

it('writes through "default" land in the default service and fire its webhooks', async () => {
  const sync = client.sync.v1.services('default');
  const doc = await sync.documents.create({ uniqueName: 'presence-doc', data: { online: 1 } });
  await sync.syncMaps.create({ uniqueName: 'presence' });
  const item = await sync.syncMaps('presence').syncMapItems.create({ key: 'alice', data: { status: 'online' } });

  assert.equal(doc.serviceSid, sw.env.TWILIO_SYNC_SERVICE_SID);
  assert.equal(item.serviceSid, sw.env.TWILIO_SYNC_SERVICE_SID);
  const fetched = await client.sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID).documents('presence-doc').fetch();
  assert.deepEqual(fetched.data, { online: 1 });
  const added = await sw.events.await({ type: 'map_item_added', object: 'presence', key: 'alice' });
  assert.equal(added.params.ServiceSid, sw.env.TWILIO_SYNC_SERVICE_SID);
});

it('no other name stands for a service: 404 with code 20404', async () => {
  await assert.rejects(client.sync.v1.services('Default').fetch(), (e) => e.status === 404 && e.code === 20404);
});
