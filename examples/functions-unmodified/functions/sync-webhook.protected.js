'use strict';
// The Sync service's webhook_url. Deployed, Twilio checks X-Twilio-Signature before a protected
// Function runs. twilio-run 5.0.1 does not (locally it only labels the Function [protected]), so
// the same check runs here, with the helper library Twilio documents for it; deployed it passes too.
// Each request is recorded (signature verdict and parameters) to the file WEBHOOK_LOG names, if any.

const fs = require('fs');
const twilio = require('twilio');

// The URL the sender signed: this Function's own address (http locally, https when deployed).
// Not context.PATH: with --load-local-env, twilio-run lets the shell's PATH variable overwrite it.
function ownUrl(context) {
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(context.DOMAIN_NAME);
  return `${local ? 'http' : 'https'}://${context.DOMAIN_NAME}/sync-webhook`;
}

exports.handler = (context, event, callback) => {
  const { request, ...params } = event;
  const signature = request.headers['x-twilio-signature'];
  const url = ownUrl(context);
  const valid = Boolean(signature) && twilio.validateRequest(context.AUTH_TOKEN, signature, url, params);
  if (context.WEBHOOK_LOG) {
    fs.appendFileSync(context.WEBHOOK_LOG, `${JSON.stringify({ valid, url, params })}\n`);
  }
  if (!valid) {
    const response = new Twilio.Response();
    response.setStatusCode(403);
    response.setBody({ error: `X-Twilio-Signature ${signature ? 'does not match' : 'is missing'} for ${url}` });
    return callback(null, response);
  }
  return callback(null, { received: params.EventType });
};
