'use strict';
// Jest globalTeardown: stop the `syncwire up` that globalSetup started.
module.exports = async () => {
  const up = globalThis.__SYNCWIRE_UP__;
  if (up) await up.stop();
};
