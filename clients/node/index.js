'use strict';
// syncwire for Node: start the Sync fake and webhook receiver, await webhooks, drive the fake.
const { start } = require('./lib/up');
const { connect } = require('./lib/connect');
const { createTestContext } = require('./lib/test-context');
const { canonicalType } = require('./lib/event-filter');
const { SyncwireError } = require('./lib/http');
const { checkHandler } = require('./lib/check-handler');

module.exports = { start, connect, createTestContext, canonicalType, SyncwireError, checkHandler };
