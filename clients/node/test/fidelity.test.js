'use strict';
// The fake as the 2026-12-05 evidence says Twilio behaves, seen through the official twilio-node SDK:
// revisions in lowercase hex, stream webhooks off unless asked for.
const { describe, it, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { start, createTestContext } = require('..');

let sw;
let sync;

before(async () => {
  sw = await start();
  sync = createTestContext(sw.env).getTwilioClient().sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID);
});
after(() => sw?.stop());
beforeEach(() => sw.fake.reset());

describe('revisions', () => {
  it('count in lowercase hex in REST answers and webhooks; If-Match compares the text', async () => {
    await sync.documents.create({ uniqueName: 'call-CA1', data: { n: 0 } });
    let doc;
    for (let n = 1; n <= 10; n++) {
      doc = await sync.documents('call-CA1').update({ data: { n } });
    }
    assert.equal(doc.revision, 'a');
    const tenth = await sw.events.await({ type: 'document_updated', object: 'call-CA1', data: { n: 10 } });
    assert.equal(tenth.revision, 'a');
    assert.equal(tenth.params.DocumentRevision, 'a');

    await assert.rejects(sync.documents('call-CA1').update({ data: { n: 11 }, ifMatch: '10' }),
      (e) => e.status === 412 && e.code === 20412 && /current revision is 'a'/.test(e.message));
    const matched = await sync.documents('call-CA1').update({ data: { n: 11 }, ifMatch: 'a' });
    assert.equal(matched.revision, 'b');
  });
});

describe('lengths', () => {
  it('a unique name over 320 characters, or shaped like a SID, is 400 / 54302 with Twilio\'s message', async () => {
    const ok = await sync.syncMaps.create({ uniqueName: 'n'.repeat(320) });
    assert.equal(ok.uniqueName.length, 320);
    await assert.rejects(sync.documents.create({ uniqueName: 'n'.repeat(321) }), (e) => e.status === 400 && e.code === 54302
      && e.message === 'Invalid unique name. Expected a string with length 1-320 not matching the SID pattern; UniqueName was 321 characters long');
    await assert.rejects(sync.syncLists.create({ uniqueName: `ES${'ab'.repeat(16)}` }), (e) => e.status === 400 && e.code === 54302
      && /looks like a SID/.test(e.message));
  });

  it('a map item key over 320 characters is 400 / 54209', async () => {
    await sync.syncMaps.create({ uniqueName: 'keys' });
    const items = sync.syncMaps('keys').syncMapItems;
    assert.equal((await items.create({ key: 'k'.repeat(320), data: {} })).key.length, 320);
    await assert.rejects(items.create({ key: 'k'.repeat(321), data: {} }), (e) => e.status === 400 && e.code === 54209
      && /length 1-320; Key was 321 characters long/.test(e.message));
  });
});

describe('error codes as Twilio-authored code expects them', () => {
  it('duplicate unique name 409 / 54301, duplicate map key 409 / 54208, missing map item on delete 404 / 20404', async () => {
    await sync.documents.create({ uniqueName: 'doc' });
    await assert.rejects(sync.documents.create({ uniqueName: 'doc' }), (e) => e.status === 409 && e.code === 54301);
    await sync.syncMaps.create({ uniqueName: 'm' });
    await sync.syncMaps('m').syncMapItems.create({ key: 'k', data: {} });
    await assert.rejects(sync.syncMaps('m').syncMapItems.create({ key: 'k', data: {} }), (e) => e.status === 409 && e.code === 54208);
    await assert.rejects(sync.syncMaps('m').syncMapItems('missing').remove(), (e) => e.status === 404 && e.code === 20404);
  });
});

describe('stream webhooks', () => {
  it('are off by default: a published message posts nothing', async () => {
    await sync.syncStreams.create({ uniqueName: 'room-events' });
    const message = await sync.syncStreams('room-events').streamMessages.create({ data: { isTyping: true } });
    assert.match(message.sid, /^TZ[0-9a-f]{32}$/);
    await sync.documents.create({ uniqueName: 'marker', data: {} });
    await sw.events.await({ type: 'document_created', object: 'marker' });
    assert.deepEqual((await sw.events.list({ type: 'stream_message_published' })).length, 0);
  });

  it('start({ streamWebhooks: true }) turns them on, naming the stream by SID only', async () => {
    const on = await start({ streamWebhooks: true });
    try {
      const client = createTestContext(on.env).getTwilioClient().sync.v1.services(on.env.TWILIO_SYNC_SERVICE_SID);
      const stream = await client.syncStreams.create({ uniqueName: 'room-events' });
      const message = await client.syncStreams('room-events').streamMessages.create({ data: { isTyping: true } });
      const published = await on.events.await({ type: 'stream_message_published', object: stream.sid });
      assert.equal(published.params.MessageSid, message.sid);
      assert.equal(published.params.StreamUniqueName, undefined);
      assert.deepEqual(published.data, { isTyping: true });
    } finally {
      await on.stop();
    }
  });

  it('rejects a streamWebhooks option that is not a boolean', async () => {
    await assert.rejects(start({ streamWebhooks: 'yes' }), /streamWebhooks must be true or false; got "yes"/);
  });
});
