'use strict';
// Jest globalTeardown: stops the syncwire globalSetup started and removes its temporary files.
const { VARIABLES } = require('../lib/connect');

module.exports = async function globalTeardown() {
  const sw = globalThis.__SYNCWIRE__;
  if (!sw) return;
  globalThis.__SYNCWIRE__ = undefined;
  await sw.stop();
  for (const name of VARIABLES) {
    if (process.env[name] === sw.env[name]) delete process.env[name];
  }
};
