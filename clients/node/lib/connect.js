'use strict';
// The same { env, events, fake } API over a syncwire someone else started (`up --env-file`,
// `exec`, the Jest global setup): everything comes from the contract's variables.
const { Events } = require('./events');
const { Fake } = require('./fake');

/** `{ env, receiverUrl, fakeUrl, controlUrl, events, fake }` for the syncwire `env` describes. */
function connect(env = process.env) {
  if (env === null || typeof env !== 'object') {
    throw new TypeError('connect(env): env must be an object of variables such as process.env or sw.env');
  }
  const missing = ['SYNCWIRE_RECEIVER_URL', 'SYNCWIRE_SYNC_BASE_URL'].filter((n) => !env[n]);
  if (missing.length) {
    throw new Error(`connect(): ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set; start syncwire`
      + ' with start(), the Jest preset (preset: \'syncwire\'), `syncwire exec -- <command>` or `syncwire up --env-file FILE`'
      + ' and pass its variables');
  }
  const receiverUrl = trimSlash(env.SYNCWIRE_RECEIVER_URL);
  const fakeUrl = trimSlash(env.SYNCWIRE_SYNC_BASE_URL);
  const controlUrl = trimSlash(env.SYNCWIRE_CONTROL_URL || `${fakeUrl}/__syncwire`);
  const events = new Events(receiverUrl);
  const fake = new Fake(controlUrl, { token: env.SYNCWIRE_CONTROL_TOKEN, events });
  return { env: { ...pick(env) }, receiverUrl, fakeUrl, controlUrl, events, fake };
}

const VARIABLES = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_SYNC_SERVICE_SID', 'SYNCWIRE_SYNC_BASE_URL',
  'SYNCWIRE_RECEIVER_URL', 'SYNCWIRE_CONTROL_URL', 'SYNCWIRE_CONTROL_TOKEN'];

// Only the contract's variables: sw.env is what a child process or a test context needs, not all of process.env.
function pick(env) {
  const out = {};
  for (const name of VARIABLES) {
    if (env[name] !== undefined) out[name] = env[name];
  }
  return out;
}

function trimSlash(url) {
  return String(url).replace(/\/+$/, '');
}

module.exports = { connect, VARIABLES };
