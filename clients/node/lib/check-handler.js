'use strict';
// checkHandler(): runs `java -jar syncwire.jar check-handler --format json` against a local handler.
const { execFile } = require('node:child_process');
const { locateJar, locateJava } = require('./java');
const { shown } = require('./duration');

const OPTIONS = ['url', 'authToken', 'signingKey', 'seedDialect', 'timeout', 'allowRemote'];

/**
 * Resolves with the report `{ tool, url, signing, findings, cases, summary, exitCode }` (exit 1 with
 * findings, 0 without); rejects when the check could not run (bad options: the jar's message).
 */
function checkHandler(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`checkHandler(options): options must be an object such as { url: 'http://127.0.0.1:3000/sync', authToken }; got ${shown(options)}`);
  }
  for (const name of Object.keys(options)) {
    if (!OPTIONS.includes(name)) throw new TypeError(`checkHandler(options) has an unknown option ${JSON.stringify(name)}; use ${OPTIONS.join(', ')}`);
  }
  const { url, authToken, signingKey, seedDialect = false, timeout, allowRemote = false } = options;
  if (typeof url !== 'string' || !url) throw new TypeError(`checkHandler(options): url must be your handler's URL such as 'http://127.0.0.1:3000/sync'; got ${shown(url)}`);
  if (authToken !== undefined && (typeof authToken !== 'string' || !authToken)) throw new TypeError(`checkHandler(options): authToken must be a non-empty string; got ${shown(authToken)}`);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) throw new TypeError(`checkHandler(options): timeout must be a whole number of milliseconds per request, more than 0; got ${shown(timeout)}`);
  const args = ['-jar', locateJar(), 'check-handler', '--url', url, '--format', 'json'];
  if (signingKey !== undefined) args.push('--signing-key', String(signingKey));
  if (seedDialect) args.push('--seed-dialect');
  if (timeout !== undefined) args.push('--timeout', `${timeout}ms`);
  if (allowRemote) args.push('--allow-remote');
  // The token goes in the environment, not the command line other users can read.
  const env = { ...process.env };
  if (authToken !== undefined) env.TWILIO_AUTH_TOKEN = authToken;
  const java = locateJava();
  return new Promise((resolve, reject) => {
    execFile(java, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (code === 0 || code === 1) {
        try {
          resolve({ ...JSON.parse(stdout), exitCode: code });
          return;
        } catch { /* fall through: not a report */ }
      }
      reject(new Error(`syncwire check-handler failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
    });
  });
}

module.exports = { checkHandler };
