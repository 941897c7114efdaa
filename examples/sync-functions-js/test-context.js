'use strict';
// createTestContext(): the `context` Twilio Functions passes to a handler, pointed at `syncwire up`.
const twilio = require('twilio');

/**
 * Returns a Functions-style context whose getTwilioClient() talks to the Sync fake.
 *
 *   const context = createTestContext();
 *   await presence.handler(context, { userId: 'user-123', status: 'online' }, callback);
 *
 * Reads TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SYNC_SERVICE_SID and SYNCWIRE_SYNC_BASE_URL
 * (what `syncwire up` prints). `opts.httpClient` swaps the SDK's RequestClient (tests use it to
 * hold requests at a barrier).
 */
function createTestContext(opts = {}) {
  const env = { ...process.env, ...opts.env };
  for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_SYNC_SERVICE_SID', 'SYNCWIRE_SYNC_BASE_URL']) {
    if (!env[name]) {
      throw new Error(`createTestContext: ${name} is not set; run \`./syncwire up\` and paste the export line it prints`);
    }
  }
  if (env.TWILIO_REGION || env.TWILIO_EDGE) {
    // The SDK rewrites the host when region/edge are set, which would send requests past the fake.
    throw new Error('createTestContext: unset TWILIO_REGION and TWILIO_EDGE; with them set the SDK rewrites the fake\'s host');
  }
  let client;
  return {
    ACCOUNT_SID: env.TWILIO_ACCOUNT_SID,
    AUTH_TOKEN: env.TWILIO_AUTH_TOKEN,
    TWILIO_SYNC_SERVICE_SID: env.TWILIO_SYNC_SERVICE_SID,
    getTwilioClient() {
      if (!client) {
        client = twilio(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN,
          opts.httpClient ? { httpClient: opts.httpClient } : {});
        client.sync.baseUrl = env.SYNCWIRE_SYNC_BASE_URL;
      }
      return client;
    },
  };
}

module.exports = { createTestContext };
