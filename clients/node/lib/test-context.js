'use strict';
// createTestContext(): the `context` Twilio Functions hands a handler, pointed at syncwire's fake.

/**
 * A Functions-style context: every variable of `env` on it (as Functions puts a service's
 * environment variables on `context`), `ACCOUNT_SID`, `AUTH_TOKEN`, `DOMAIN_NAME`, and
 * `getTwilioClient()` returning one twilio client whose Sync requests go to the fake.
 *
 * @param env the variables (default process.env): TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
 *   TWILIO_SYNC_SERVICE_SID, SYNCWIRE_SYNC_BASE_URL
 * @param clientOptions twilio client options, e.g. { autoRetry: true } or { httpClient }
 */
function createTestContext(env = process.env, clientOptions = {}) {
  if (env === null || typeof env !== 'object') {
    throw new TypeError('createTestContext(env): env must be an object of variables such as process.env or sw.env');
  }
  const missing = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_SYNC_SERVICE_SID', 'SYNCWIRE_SYNC_BASE_URL']
    .filter((name) => !env[name]);
  if (missing.length) {
    throw new Error(`createTestContext: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set; pass sw.env`
      + ' from start(), or run under the Jest preset (preset: \'syncwire\') or `syncwire exec -- <command>`, which set them');
  }
  if (process.env.TWILIO_REGION || process.env.TWILIO_EDGE || env.TWILIO_REGION || env.TWILIO_EDGE) {
    throw new Error('createTestContext: unset TWILIO_REGION and TWILIO_EDGE; with them set the twilio SDK rewrites'
      + " the fake's host and requests would leave this machine");
  }
  let client;
  return {
    ...env,
    ACCOUNT_SID: env.TWILIO_ACCOUNT_SID,
    AUTH_TOKEN: env.TWILIO_AUTH_TOKEN,
    DOMAIN_NAME: env.DOMAIN_NAME || 'localhost:3000',
    /** One twilio client per context, as in Functions; its Sync domain talks to the fake. */
    getTwilioClient() {
      if (!client) {
        const twilio = loadTwilio();
        client = twilio(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, clientOptions);
        client.sync.baseUrl = env.SYNCWIRE_SYNC_BASE_URL.replace(/\/+$/, '');
      }
      return client;
    },
  };
}

// The project's own twilio first (a `file:` or linked syncwire would otherwise find another copy), then ours.
function loadTwilio() {
  for (const paths of [[process.cwd()], undefined]) {
    try {
      return require(paths ? require.resolve('twilio', { paths }) : 'twilio');
    } catch (e) {
      if (e.code !== 'MODULE_NOT_FOUND') throw e;
    }
  }
  throw new Error('createTestContext: the twilio package is not installed; `npm install twilio` (syncwire works with 4.x to 6.x)');
}

module.exports = { createTestContext };
