'use strict';
// The seed's four patterns, run as Functions handlers against `syncwire up`: each test checks the
// REST result and the webhook(s) the fake posted to the receiver.
const { connect, createTestContext } = require('syncwire');
const { storeCallState, getCallState } = require('../functions/sync/call-state');
const presence = require('../functions/sync/presence.protected');
const { addActivity, getActivity } = require('../functions/sync/activity');
const { publishTyping } = require('../functions/sync/typing');

const sw = connect(); // the syncwire the Jest preset started
let context;
let syncService;

beforeEach(async () => {
  await sw.fake.reset();
  context = createTestContext();
  syncService = context.getTwilioClient().sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);
  // What a developer creates once in the Console or with the CLI before deploying these Functions.
  await syncService.syncMaps.create({ uniqueName: 'user-presence' });
  await syncService.syncLists.create({ uniqueName: 'activity-feed' });
  await syncService.syncStreams.create({ uniqueName: 'room-events' });
});

describe('call state', () => {
  it('stores the call in a document with a one-hour TTL and posts document_created', async () => {
    const callback = jest.fn();
    await storeCallState(context, { CallSid: 'CA123' }, callback);

    expect(callback).toHaveBeenCalledWith(null, { success: true });
    const doc = await syncService.documents('call-CA123').fetch();
    expect(doc.data).toMatchObject({ stage: 'greeting', selections: [] });
    expect(doc.dateExpires).toBeInstanceOf(Date);

    const created = await sw.events.await({ type: 'document_created', object: 'call-CA123' });
    expect(created.data).toMatchObject({ stage: 'greeting', selections: [] });
    expect(created.params.DocumentSid).toBe(doc.sid);
    expect(created.signature).toBe('valid');
  });

  it('moves the call to the menu with the digits pressed and posts document_updated', async () => {
    await storeCallState(context, { CallSid: 'CA123' }, jest.fn());
    const callback = jest.fn();
    await getCallState(context, { CallSid: 'CA123', Digits: '1' }, callback);

    const [, before] = callback.mock.calls[0];
    expect(before).toMatchObject({ stage: 'greeting', selections: [] });
    const doc = await syncService.documents('call-CA123').fetch();
    expect(doc.data).toMatchObject({ stage: 'menu', selections: ['1'] });

    const updated = await sw.events.await({ type: 'document_updated', object: 'call-CA123' });
    expect(updated.data).toMatchObject({ stage: 'menu', selections: ['1'] });
    expect(updated.data.startTime).toBe(before.startTime);
  });
});

describe('presence', () => {
  it('puts user-123 online in the user-presence map with a 300 s TTL and posts map_item_added', async () => {
    const callback = jest.fn();
    await presence.handler(context, { userId: 'user-123', status: 'online', device: 'web' }, callback);

    expect(callback).toHaveBeenCalledWith(null, { success: true });
    const item = await syncService.syncMaps('user-presence').syncMapItems('user-123').fetch();
    expect(item.data).toMatchObject({ status: 'online', device: 'web' });
    expect(item.dateExpires.getTime() - item.dateUpdated.getTime()).toBe(300_000);

    const added = await sw.events.await({ type: 'map_item_added', object: 'user-presence', key: 'user-123' });
    expect(added.data.status).toBe('online');
    expect(added.identity).toBe('system');
  });

  it('turns a second heartbeat into map_item_updated instead of failing with 54208', async () => {
    await presence.handler(context, { userId: 'user-123', status: 'online' }, jest.fn());
    const callback = jest.fn();
    await presence.handler(context, { userId: 'user-123', status: 'away' }, callback);

    expect(callback).toHaveBeenCalledWith(null, { success: true });
    const updated = await sw.events.await({ type: 'map_item_updated', object: 'user-presence', key: 'user-123' });
    expect(updated.data).toMatchObject({ status: 'away', device: 'unknown' });
  });
  it('drops user-123 once 5 minutes pass without a heartbeat: map_item_removed, then 404', async () => {
    await presence.handler(context, { userId: 'user-123', status: 'online' }, jest.fn());
    await sw.events.await({ type: 'map_item_added', object: 'user-presence', key: 'user-123' });

    await sw.fake.clock.advance('4m');
    await sw.events.assertNone({ type: 'map_item_removed', key: 'user-123' }, { during: 200 });
    await sw.fake.clock.advance('1m'); // answers once the expiry's webhook was delivered

    const removed = await sw.events.await({ type: 'map_item_removed', object: 'user-presence', key: 'user-123' }, { timeout: 2000 });
    expect(removed.data.status).toBe('online');
    await expect(syncService.syncMaps('user-presence').syncMapItems('user-123').fetch())
      .rejects.toMatchObject({ status: 404, code: 20404 });
  });
});

describe('activity feed', () => {
  it('appends activities and reads them back newest first, one list_item_added each', async () => {
    for (const action of ['joined', 'liked', 'commented']) {
      await addActivity(context, { userId: 'user-123', action, details: { post: 7 } }, jest.fn());
    }
    const callback = jest.fn();
    await getActivity(context, { limit: 2 }, callback);

    const [, { activities }] = callback.mock.calls[0];
    expect(activities.map((a) => a.action)).toEqual(['commented', 'liked']);

    const added = await sw.events.awaitCount({ type: 'list_item_added', object: 'activity-feed' }, 3);
    expect(added.map((e) => [e.itemIndex, e.data.action])).toEqual([[0, 'joined'], [1, 'liked'], [2, 'commented']]);
    expect(added[2].data.details).toEqual({ post: 7 });
  });
  it('reads a 120-item feed with list(), which follows the fake\'s page links', async () => {
    for (let i = 0; i < 120; i++) {
      await addActivity(context, { userId: `user-${i % 7}`, action: `action-${i}` }, jest.fn());
    }
    const feed = syncService.syncLists('activity-feed').syncListItems;

    const all = await feed.list();
    expect(all).toHaveLength(120);
    expect(all.map((item) => item.index)).toEqual([...Array(120).keys()]);
    const newestFirst = await feed.list({ order: 'desc' });
    expect(newestFirst[0].data.action).toBe('action-119');
    await sw.events.awaitCount({ type: 'list_item_added', object: 'activity-feed' }, 120);
  });

  it("gets past an injected 429 with the SDK's autoRetry", async () => {
    await addActivity(context, { userId: 'user-1', action: 'joined' }, jest.fn());
    await sw.fake.faults.add({ method: 'GET', path: '/v1/Services/[^/]+/Lists/activity-feed/Items', status: 429, times: 1 });
    const callback = jest.fn();
    const retrying = createTestContext(process.env, { autoRetry: true });

    await getActivity(retrying, { limit: 5 }, callback);

    expect(callback.mock.calls[0][1].activities.map((a) => a.action)).toEqual(['joined']);
    const [fault] = await sw.fake.faults.list();
    expect(fault).toBeUndefined(); // its one time was used: the first GET got the 429
  });

  it('fails on the same 429 without autoRetry', async () => {
    await sw.fake.faults.add({ method: 'GET', path: '/v1/Services/[^/]+/Lists/activity-feed/Items', status: 429, times: 1 });
    await expect(getActivity(context, { limit: 5 }, jest.fn())).rejects.toMatchObject({ status: 429, code: 20429 });
  });
});

describe('typing indicator', () => {
  it('publishes on the room-events stream, and like Twilio posts no webhook for it', async () => {
    const callback = jest.fn();
    await publishTyping(context, { userId: 'user-123', roomId: 'room-9', isTyping: true }, callback);

    expect(callback).toHaveBeenCalledWith(null, { success: true });
    // Nothing shows Twilio posting stream_message_published, so the fake does not either (unless
    // started with --stream-webhooks): a handler waiting for it would never run in production.
    await sw.events.assertNone({ type: 'stream_message_published' }, { during: 300 });
  });
});
