'use strict';
// Jest globalSetup: one syncwire for the whole run. Its variables go into process.env, which the
// test files (run after this, in workers that inherit it) read with connect() and createTestContext().
const { start } = require('../lib/up');

module.exports = async function globalSetup() {
  const sw = await start({
    clock: process.env.SYNCWIRE_CLOCK || 'manual',
    ...(process.env.SYNCWIRE_SEED && { seed: Number(process.env.SYNCWIRE_SEED) }),
    ...(process.env.SYNCWIRE_START_TIMEOUT_MS && { timeout: Number(process.env.SYNCWIRE_START_TIMEOUT_MS) }),
  });
  globalThis.__SYNCWIRE__ = sw;
  Object.assign(process.env, sw.env);
};
