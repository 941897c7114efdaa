'use strict';
const { describe, it, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { start, createTestContext, canonicalType } = require('..');

let sw;
let sync;

before(async () => {
  sw = await start();
  sync = createTestContext(sw.env).getTwilioClient().sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID);
});
after(() => sw?.stop());
beforeEach(() => sw.fake.reset());

async function presence() {
  await sync.syncMaps.create({ uniqueName: 'user-presence' });
  return sync.syncMaps('user-presence').syncMapItems;
}

describe('events.await', () => {
  it('resolves with the webhook the moment the receiver records it', async () => {
    const items = await presence();
    await items.create({ key: 'user-123', data: { status: 'online' } });

    const added = await sw.events.await({ type: 'map_item_added', object: 'user-presence', key: 'user-123' });
    assert.equal(added.eventType, 'map_item_added');
    assert.deepEqual(added.data, { status: 'online' });
    assert.equal(added.signature, 'valid');
  });

  it('waits for a webhook that has not happened yet', async () => {
    const items = await presence();
    const waiting = sw.events.await({ type: 'map_item_removed', key: 'user-9' }, { timeout: 5000 });
    await items.create({ key: 'user-9', data: {} });
    await items('user-9').remove();
    assert.equal((await waiting).itemKey, 'user-9');
  });

  it("matches type names in either dialect, data partially and where(event)", async () => {
    const items = await presence();
    await items.create({ key: 'user-123', data: { status: 'online', device: { kind: 'web', os: 'linux' } } });

    const seedName = await sw.events.await({ type: 'map_item_created', key: 'user-123' });
    assert.equal(seedName.canonicalType, 'map_item_added');
    assert.equal(canonicalType('map_item_created'), 'map_item_added');
    assert.equal(canonicalType('list_item_created'), 'list_item_added');
    assert.equal(canonicalType('document_created'), 'document_created');
    assert.equal(canonicalType('nope'), undefined);
    const byData = await sw.events.await({ object: 'user-presence', data: { device: { kind: 'web' } } });
    assert.equal(byData.id, seedName.id);
    const byWhere = await sw.events.await({ where: (e) => e.itemKey?.startsWith('user-') });
    assert.equal(byWhere.id, seedName.id);
  });

  it('times out saying what it awaited and what arrived, closest match first', async () => {
    const items = await presence();
    await items.create({ key: 'user-123', data: { status: 'online' } });
    await items.create({ key: 'user-456', data: { status: 'online' } });
    await items('user-456').remove();
    await items('user-123').update({ data: { status: 'away' } });
    const last = await sw.events.await({ type: 'map_item_updated', key: 'user-123' });

    const err = await sw.events.await({ type: 'map_item_removed', object: 'user-presence', key: 'user-123' }, { timeout: 300 })
      .then(() => null, (e) => e);
    assert.ok(err instanceof assert.AssertionError);
    const lines = err.message.split('\n');
    assert.equal(lines[0], 'Expected a map_item_removed for object "user-presence", key "user-123" within 300 ms, but none arrived.');
    assert.equal(lines[1], 'Received 5 events that the receiver holds; closest match first:');
    // Two criteria of three met by the removal of user-456 and by the two user-123 item events: oldest first among equals.
    assert.match(lines[2], /^ {2}#\d+ map_item_added user-presence\/user-123: type was map_item_added$/);
    assert.match(lines[3], /^ {2}#\d+ map_item_removed user-presence\/user-456: key was "user-456"$/);
    assert.equal(lines[4], `  #${last.id} map_item_updated user-presence/user-123: type was map_item_updated`);
    assert.match(lines[5], /map_created user-presence: type was map_created, had no key$/);
    assert.match(lines[6], /map_item_added user-presence\/user-456: type was map_item_added, key was "user-456"$/);
    assert.equal(lines.length, 7);
  });

  it('ends at once when a matching webhook was rejected, with the reason', async () => {
    const body = new URLSearchParams({ AccountSid: sw.env.TWILIO_ACCOUNT_SID, ServiceSid: sw.env.TWILIO_SYNC_SERVICE_SID,
      EventType: 'document_removed', DocumentSid: `ET${'0'.repeat(32)}`, DocumentUniqueName: 'forged' });
    const res = await fetch(`${sw.receiverUrl}/webhooks`, { method: 'POST', body,
      headers: { 'X-Twilio-Signature': 'not-a-signature' } });
    assert.equal(res.status >= 400, true);

    const began = Date.now();
    await assert.rejects(sw.events.await({ type: 'document_removed', object: 'forged' }, { timeout: 5000 }),
      /Expected a document_removed for object "forged": a matching webhook arrived but was rejected: /);
    assert.ok(Date.now() - began < 4000, 'it did not wait for the timeout');
    const rejected = await sw.events.await({ type: 'document_removed', status: 'rejected' });
    assert.equal(rejected.status, 'rejected');
  });

  it('refuses a filter it cannot match, naming the field', async () => {
    await assert.rejects(sw.events.await({ type: 'map_item_gone' }), /filter\)\.type "map_item_gone" is not a Sync event type; use one of .*map_item_created/);
    await assert.rejects(sw.events.await({ kee: 'x' }), /unknown field "kee"; use type, object, key, index, status, data, where/);
    await assert.rejects(sw.events.await({}, { timeout: '5 seconds' }), /timeout must be a duration.*got "5 seconds"/);
  });
});

describe('events.awaitCount, list and clear', () => {
  it('collects n events oldest first, and says how many came when fewer did', async () => {
    await sync.syncLists.create({ uniqueName: 'feed' });
    for (const action of ['joined', 'liked']) await sync.syncLists('feed').syncListItems.create({ data: { action } });

    const two = await sw.events.awaitCount({ type: 'list_item_created', object: 'feed' }, 2);
    assert.deepEqual(two.map((e) => [e.itemIndex, e.data.action]), [[0, 'joined'], [1, 'liked']]);
    await assert.rejects(sw.events.awaitCount({ type: 'list_item_added' }, 3, { timeout: 200 }),
      /Expected 3 events, each a list_item_added \(either dialect: list_item_added or list_item_created\), within 200 ms, but 2 arrived \(#\d+, #\d+\)\.\n/);

    const listed = await sw.events.list({ object: 'feed' });
    assert.deepEqual(listed.map((e) => e.eventType), ['list_created', 'list_item_added', 'list_item_added']);
    assert.deepEqual((await sw.events.list({ index: 1 })).map((e) => e.data.action), ['liked']);
    assert.equal((await sw.events.list({}, { since: listed[1] })).length, 1);
    assert.equal(await sw.events.clear(), 3);
    assert.deepEqual(await sw.events.list(), []);
  });
});

describe('events.assertNone', () => {
  it('passes when nothing matching arrives during the window', async () => {
    const items = await presence();
    await items.create({ key: 'user-1', data: {} });
    const began = Date.now();
    await sw.events.assertNone({ type: 'map_item_removed' }, { during: 300 });
    assert.ok(Date.now() - began >= 290, 'it watched the whole window');
  });

  it('fails the moment a matching event arrives', async () => {
    const items = await presence();
    await items.create({ key: 'user-1', data: {} });
    const began = Date.now();
    const watching = sw.events.assertNone({ type: 'map_item_removed', object: 'user-presence' }, { during: 10_000 });
    await items('user-1').remove();
    await assert.rejects(watching, /Expected no map_item_removed for object "user-presence" during 10000 ms, but one arrived after \d+ ms:\n {2}#\d+ map_item_removed user-presence\/user-1/);
    assert.ok(Date.now() - began < 5000, 'it failed at once');
  });
});
