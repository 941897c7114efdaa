'use strict';
const { it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start, connect, createTestContext } = require('..');

let sw;
before(async () => { sw = await start(); });
after(() => sw?.stop());

it('gives a Functions context whose twilio client talks to the fake', async () => {
  const context = createTestContext({ ...sw.env, GREETING: 'hi' });
  assert.equal(context.ACCOUNT_SID, sw.env.TWILIO_ACCOUNT_SID);
  assert.equal(context.AUTH_TOKEN, sw.env.TWILIO_AUTH_TOKEN);
  assert.equal(context.TWILIO_SYNC_SERVICE_SID, sw.env.TWILIO_SYNC_SERVICE_SID);
  assert.equal(context.DOMAIN_NAME, 'localhost:3000');
  assert.equal(context.GREETING, 'hi', 'environment variables are on the context, as in Functions');
  const client = context.getTwilioClient();
  assert.equal(context.getTwilioClient(), client, 'one client per context');

  const doc = await client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID).documents.create({ uniqueName: 'ctx', data: { ok: true } });
  assert.match(doc.sid, /^ET[0-9a-f]{32}$/);
  const created = await connect(sw.env).events.await({ type: 'document_created', object: 'ctx' });
  assert.equal(created.params.DocumentSid, doc.sid);
});

it('says which variables are missing, and refuses TWILIO_REGION', () => {
  assert.throws(() => createTestContext({}), /TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SYNC_SERVICE_SID, SYNCWIRE_SYNC_BASE_URL are not set/);
  assert.throws(() => createTestContext({ ...sw.env, TWILIO_REGION: 'ie1' }), /unset TWILIO_REGION and TWILIO_EDGE/);
});

it('rejects a wrong auth token the way Twilio does', async () => {
  const client = createTestContext({ ...sw.env, TWILIO_AUTH_TOKEN: 'wrong' }).getTwilioClient();
  await assert.rejects(client.sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID).documents.list(), { status: 401, code: 20003 });
});
