'use strict';
// The seed's error-handling pattern against the codes Twilio really returns (20404, 54301), and
// the seed's original (54007/54302), which the fake fails exactly as real Twilio would.
const { connect, createTestContext } = require('syncwire');
const { BarrierRequestClient } = require('./support/barrier-client');
const getOrCreateDoc = require('../functions/sync/get-or-create-doc');
const seedGetOrCreateDoc = require('./seed/get-or-create-doc.seed');

const sw = connect(); // the syncwire the Jest preset started

beforeEach(() => sw.fake.reset());

function syncServiceOf(context) {
  return context.getTwilioClient().sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);
}

describe('corrected get-or-create handler', () => {
  it('creates the document on the first call (404 / 20404) and fetches it on the second', async () => {
    const context = createTestContext();
    const first = jest.fn();
    const second = jest.fn();

    await getOrCreateDoc.handler(context, { docName: 'settings' }, first);
    await getOrCreateDoc.handler(context, { docName: 'settings' }, second);

    expect(first).toHaveBeenCalledWith(null, { success: true, data: { initialized: true }, created: true });
    expect(second).toHaveBeenCalledWith(null, { success: true, data: { initialized: true } });
    const created = await sw.events.await({ type: 'document_created', object: 'settings' });
    expect(created.data).toEqual({ initialized: true });
  });

  it('resolves two concurrent creates through 409 / 54301: one creates, the other fetches', async () => {
    // Both invocations fetch (404), then their creates are held until both are ready and sent together.
    const barrier = new BarrierRequestClient(2, (o) => o.method === 'post' && /\/Documents$/.test(o.uri));
    const context = createTestContext(process.env, { httpClient: barrier });
    const a = jest.fn();
    const b = jest.fn();

    await Promise.all([
      getOrCreateDoc.handler(context, { docName: 'race' }, a),
      getOrCreateDoc.handler(context, { docName: 'race' }, b),
    ]);

    const results = [a.mock.calls[0][1], b.mock.calls[0][1]];
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results).toEqual(expect.arrayContaining([
      { success: true, data: { initialized: true }, created: true },
      { success: true, data: { initialized: true } },
    ]));
    await sw.events.await({ type: 'document_created', object: 'race' });
    expect(await sw.events.list({ type: 'document_created', object: 'race' })).toHaveLength(1);
  });

  it('lets other errors through: a bad auth token is 401 / 20003', async () => {
    const context = createTestContext({ ...process.env, TWILIO_AUTH_TOKEN: 'not-the-token' });
    await expect(getOrCreateDoc.handler(context, { docName: 'settings' }, jest.fn()))
      .rejects.toMatchObject({ status: 401, code: 20003 });
  });
});

describe("the seed's original handler (54007 / 54302)", () => {
  it('throws the 404 / 20404 on the first call, as real Twilio makes it do, and creates nothing', async () => {
    const context = createTestContext();
    const callback = jest.fn();

    await expect(seedGetOrCreateDoc.handler(context, { docName: 'settings' }, callback))
      .rejects.toMatchObject({ status: 404, code: 20404 });

    expect(callback).not.toHaveBeenCalled();
    await expect(syncServiceOf(context).documents('settings').fetch()).rejects.toMatchObject({ code: 20404 });
  });
});

describe("the codes the seed's table gets wrong", () => {
  it('answers a duplicate unique name with 54301 (the seed says "data too large") and 16 KB+ data with 54006', async () => {
    const syncService = syncServiceOf(createTestContext());
    await syncService.documents.create({ uniqueName: 'doc' });

    await expect(syncService.documents.create({ uniqueName: 'doc' }))
      .rejects.toMatchObject({ status: 409, code: 54301 });
    await expect(syncService.documents.create({ uniqueName: 'big', data: { blob: 'x'.repeat(17 * 1024) } }))
      .rejects.toMatchObject({ status: 413, code: 54006 });
  });
});
