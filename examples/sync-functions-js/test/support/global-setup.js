'use strict';
// Jest globalSetup: one `syncwire up` for the whole run; tests read where it is from process.env.
const { startSyncwireUp } = require('./syncwire-up');

module.exports = async () => {
  const up = await startSyncwireUp({ seed: Number(process.env.SYNCWIRE_SEED || 42) });
  globalThis.__SYNCWIRE_UP__ = up;
  Object.assign(process.env, up.env, {
    SYNCWIRE_RECEIVER_URL: up.receiverUrl,
    SYNCWIRE_UP_LOG: up.logFile,
  });
  process.stderr.write(`\nsyncwire up ready in ${up.startedInMs} ms: receiver ${up.receiverUrl}, fake ${up.fakeUrl} (log ${up.logFile})\n`);
};
