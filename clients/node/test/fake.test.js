'use strict';
const { describe, it, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { start, createTestContext, SyncwireError } = require('..');

let sw;
let sync;
let context;

before(async () => {
  sw = await start({ clock: 'manual=2026-01-01T00:00:00Z' });
  context = createTestContext(sw.env);
  sync = context.getTwilioClient().sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID);
});
after(() => sw?.stop());
beforeEach(async () => {
  await sw.fake.reset();
  await sw.fake.faults.clear();
  await sw.fake.webhookFaults.clear();
});

describe('fake.clock', () => {
  it('reads, advances and sets the manual clock; an expired presence item posts map_item_removed first', async () => {
    const t0 = await sw.fake.clock.now();
    assert.ok(t0 instanceof Date);
    await sync.syncMaps.create({ uniqueName: 'user-presence' });
    await sync.syncMaps('user-presence').syncMapItems.create({ key: 'user-123', data: { status: 'online' }, ttl: 300 });

    const moved = await sw.fake.clock.advance('5m');
    assert.equal(moved.now.getTime() - t0.getTime(), 300_000);
    assert.equal(moved.mode, 'manual');
    assert.deepEqual(moved.expired.map((x) => [x.objectType, x.key]), [['map_item', 'user-123']]);
    // advance() answers after the webhook was delivered: it is already there.
    const removed = await sw.events.await({ type: 'map_item_removed', object: 'user-presence', key: 'user-123' }, { timeout: 100 });
    assert.equal(removed.data.status, 'online');
    await assert.rejects(sync.syncMaps('user-presence').syncMapItems('user-123').fetch(), { status: 404, code: 20404 });

    const set = await sw.fake.clock.set('2027-06-01T12:00:00Z');
    assert.equal(set.now.toISOString(), '2027-06-01T12:00:00.000Z');
    assert.equal((await sw.fake.clock.now()).toISOString(), '2027-06-01T12:00:00.000Z');
    await sw.fake.clock.advance(1000);
    await sw.fake.clock.advance('PT1M');
    assert.equal((await sw.fake.clock.now()).toISOString(), '2027-06-01T12:01:01.000Z');
  });

  it('refuses bad input: a bad duration before any request, an earlier instant with the JSON error', async () => {
    assert.throws(() => sw.fake.clock.advance('5 minutes'), /fake.clock.advance\(d\) must be a duration.*got "5 minutes"/);
    assert.throws(() => sw.fake.clock.set('yesterday'), /when must be a Date or an ISO-8601 instant.*got "yesterday"/);
    await assert.rejects(sw.fake.clock.set(new Date('2000-01-01T00:00:00Z')), (e) => {
      assert.ok(e instanceof SyncwireError);
      assert.equal(e.status, 400);
      assert.equal(e.field, 'set');
      assert.equal(e.rule, 'forward_only');
      assert.match(e.message, /^POST \/__syncwire\/clock answered 400: /);
      return true;
    });
  });
});

describe('fake.faults', () => {
  it('adds, lists, removes and clears rules; a 429 fails the SDK call, and autoRetry gets past it', async () => {
    const rule = await sw.fake.faults.add({ method: 'GET', path: '/v1/Services/.*/Documents/.*', status: 429, times: 1 });
    assert.equal(rule.status, 429);
    assert.equal(rule.code, 20429);
    assert.equal(rule.remaining, 1);
    assert.deepEqual((await sw.fake.faults.list()).map((f) => f.id), [rule.id]);
    await sync.documents.create({ uniqueName: 'settings' });
    await assert.rejects(sync.documents('settings').fetch(), { status: 429, code: 20429 });
    assert.equal((await sync.documents('settings').fetch()).uniqueName, 'settings', 'times: 1 is used up');

    await sw.fake.faults.add({ method: 'GET', path: '/v1/Services/.*/Documents/.*', status: 429, times: 1 });
    const retrying = createTestContext(sw.env, { autoRetry: true }).getTwilioClient()
      .sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID);
    assert.equal((await retrying.documents('settings').fetch()).uniqueName, 'settings');
    assert.deepEqual(await sw.fake.faults.list(), [], 'a rule whose times are used up is gone');

    const delayed = await sw.fake.faults.add({ path: '/v1/Services/.*/Lists', delay: '50ms' });
    assert.equal(delayed.delay, 'PT0.05S');
    assert.equal(delayed.times, null);
    await sw.fake.faults.remove(delayed.id);
    assert.equal((await sw.fake.faults.list()).some((f) => f.id === delayed.id), false);
    await assert.rejects(sw.fake.faults.remove(delayed.id), { status: 404 });
    await sw.fake.faults.add({ path: '/v1/Services/.*/Streams', status: 503 });
    assert.equal(await sw.fake.faults.clear(), 1);
    assert.deepEqual(await sw.fake.faults.list(), []);
  });

  it('turns a bad rule into an error naming the field', async () => {
    await assert.rejects(sw.fake.faults.add({ path: '/v1/.*', status: 429, tims: 1 }), (e) => {
      assert.equal(e.status, 400);
      assert.match(e.field, /tims/);
      return true;
    });
  });
});

describe('fake.webhookFaults and deliveries', () => {
  it('drops the next webhook and records it as dropped', async () => {
    const armed = await sw.fake.webhookFaults.dropNext(1);
    assert.equal(armed.fault, 'drop');
    assert.equal((await sw.fake.webhookFaults.list()).length, 1);
    await sync.documents.create({ uniqueName: 'lost' });
    await sync.documents.create({ uniqueName: 'kept' });
    await sw.events.await({ type: 'document_created', object: 'kept' });
    await sw.events.assertNone({ type: 'document_created', object: 'lost' }, { during: 100 });
    await sw.fake.idle();
    const dropped = await sw.fake.deliveries({ outcome: 'dropped' });
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0].params.DocumentUniqueName, 'lost');
    const all = await sw.fake.deliveries({ type: 'document_created' });
    assert.deepEqual(all.map((d) => d.outcome), ['dropped', 'delivered']);
    assert.equal(all[1].attempts[0].status, 200);
  });

  it('delays, duplicates and reorders the next webhooks', async () => {
    await sw.fake.webhookFaults.duplicateNext(1);
    await sync.documents.create({ uniqueName: 'twice' });
    const dup = await sw.events.await({ object: 'twice', status: 'duplicate' });
    assert.ok(dup.duplicateOf > 0);

    const delayed = await sw.fake.webhookFaults.delayNext(1, '200ms');
    assert.equal(delayed.delay, 'PT0.2S');
    await sync.documents.create({ uniqueName: 'late' });
    await sw.events.assertNone({ object: 'late' }, { during: 100 });
    await sw.events.await({ object: 'late' }, { timeout: 3000 });

    await sw.fake.webhookFaults.dropNext(3);
    assert.equal(await sw.fake.webhookFaults.clear(), 1);
    assert.throws(() => sw.fake.webhookFaults.reorderNext(1), /n must be a whole number, 2 or more; got 1/);
  });

  it('reorders the next two webhooks of one object', async () => {
    // A reorder group is one object's webhooks (as in Java's reorderNext): other objects pass meanwhile.
    await sw.fake.webhookFaults.reorderNext(2);
    await sync.documents.create({ uniqueName: 'first' });
    await sync.documents.create({ uniqueName: 'other' });
    await sw.events.await({ type: 'document_created', object: 'other' });
    await sync.documents('first').update({ data: { v: 2 } });
    const [a, b] = await sw.events.awaitCount({ object: 'first' }, 2, { timeout: 2000 });
    assert.deepEqual([a.eventType, b.eventType], ['document_updated', 'document_created']);
  });

  it('makes idle() fail with what is pending', async () => {
    await sw.fake.webhookFaults.delayNext(1, '2s');
    await sync.documents.create({ uniqueName: 'slow' });
    await assert.rejects(sw.fake.idle({ timeout: '100ms' }), (e) => {
      assert.equal(e.status, 408);
      assert.equal(e.error, 'not_idle');
      assert.equal(e.body.pending[0].params.DocumentUniqueName, 'slow');
      return true;
    });
    await sw.fake.idle({ timeout: '5s' });
    await sw.events.await({ object: 'slow' }, { timeout: 100 });
  });
});

describe('fake.snapshot, restore, idle and reset', () => {
  it('takes the state back after a reset', async () => {
    await sync.documents.create({ uniqueName: 'keep-me', data: { v: 1 } });
    const snapshot = await sw.fake.snapshot();
    assert.equal(snapshot.format, 'syncwire-snapshot/1');
    await sw.fake.reset();
    await assert.rejects(sync.documents('keep-me').fetch(), { status: 404 });
    assert.deepEqual(await sw.events.list(), [], 'reset() clears the receiver too');

    const restored = await sw.fake.restore(snapshot);
    assert.equal(restored.restored, true);
    assert.deepEqual((await sync.documents('keep-me').fetch()).data, { v: 1 });
    await assert.rejects(sw.fake.restore({ format: 'something-else' }), { status: 400 });
    await sw.fake.idle({ timeout: '1s' });
  });
});
