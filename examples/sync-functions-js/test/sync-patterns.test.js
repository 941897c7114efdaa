'use strict';
// The seed's four patterns, run as Functions handlers against `syncwire up`: each test checks the
// REST result and the webhook(s) the fake posted to the receiver.
const { createTestContext } = require('../test-context');
const { Receiver } = require('./support/receiver');
const { storeCallState, getCallState } = require('../functions/sync/call-state');
const presence = require('../functions/sync/presence.protected');
const { addActivity, getActivity } = require('../functions/sync/activity');
const { publishTyping } = require('../functions/sync/typing');

const receiver = new Receiver();
let context;
let syncService;

beforeEach(async () => {
  await receiver.reset();
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

    const created = await receiver.awaitEvent({ type: 'document_created', object: 'call-CA123' });
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

    const updated = await receiver.awaitEvent({ type: 'document_updated', object: 'call-CA123' });
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

    const added = await receiver.awaitEvent({ type: 'map_item_added', object: 'user-presence', key: 'user-123' });
    expect(added.data.status).toBe('online');
    expect(added.identity).toBe('system');
  });

  it('turns a second heartbeat into map_item_updated instead of failing with 54208', async () => {
    await presence.handler(context, { userId: 'user-123', status: 'online' }, jest.fn());
    const callback = jest.fn();
    await presence.handler(context, { userId: 'user-123', status: 'away' }, callback);

    expect(callback).toHaveBeenCalledWith(null, { success: true });
    const updated = await receiver.awaitEvent({ type: 'map_item_updated', object: 'user-presence', key: 'user-123' });
    expect(updated.data).toMatchObject({ status: 'away', device: 'unknown' });
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

    const added = await receiver.awaitEvents({ type: 'list_item_added', object: 'activity-feed' }, 3);
    expect(added.map((e) => [e.itemIndex, e.data.action])).toEqual([[0, 'joined'], [1, 'liked'], [2, 'commented']]);
    expect(added[2].data.details).toEqual({ post: 7 });
  });
});

describe('typing indicator', () => {
  it('publishes on the room-events stream and posts stream_message_published', async () => {
    const callback = jest.fn();
    await publishTyping(context, { userId: 'user-123', roomId: 'room-9', isTyping: true }, callback);

    expect(callback).toHaveBeenCalledWith(null, { success: true });
    const published = await receiver.awaitEvent({ type: 'stream_message_published', object: 'room-events' });
    expect(published.data).toEqual({ type: 'typing', userId: 'user-123', roomId: 'room-9', isTyping: true });
    expect(published.params.MessageSid).toMatch(/^TZ[0-9a-f]{32}$/);
  });
});
