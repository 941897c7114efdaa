'use strict';
// checkHandler() against Node handlers on real ports: one checks signatures with twilio.validateRequest.
const { it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const twilio = require('twilio');
const { checkHandler } = require('..');

const TOKEN = 'node-check-token-0123456789abcdef';
const servers = [];

function serve(decide) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => res.writeHead(decide(req, Object.fromEntries(new URLSearchParams(body)))).end());
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/sync`)));
}

let carefulUrl;
let carelessUrl;
before(async () => {
  carefulUrl = await serve((req, params) => (twilio.validateRequest(TOKEN, req.headers['x-twilio-signature'] ?? '', carefulUrl, params) ? 200 : 403));
  carelessUrl = await serve((req, params) => (params.EventType === 'map_item_removed' && !params.ItemKey ? 500 : 200));
});
after(() => servers.forEach((s) => s.close()));

it('finds nothing in a handler that validates signatures', { timeout: 60_000 }, async () => {
  const report = await checkHandler({ url: carefulUrl, authToken: TOKEN });
  assert.equal(report.exitCode, 0);
  assert.deepEqual(report.findings, []);
  assert.equal(report.cases.find((c) => c.case === 'bad-signature').status, 403);
});

it("reports a careless handler's faults", { timeout: 60_000 }, async () => {
  const report = await checkHandler({ url: carelessUrl, authToken: TOKEN });
  assert.equal(report.exitCode, 1);
  assert.deepEqual(report.findings.map((f) => `${f.severity} ${f.code} ${f.location.case}`),
    ['security forged_accepted bad-signature', 'security unsigned_accepted no-signature', 'crash server_error missing-param']);
});

it('rejects bad options', { timeout: 60_000 }, async () => {
  assert.throws(() => checkHandler({ url: carefulUrl, token: TOKEN }), /unknown option "token"/);
  await assert.rejects(checkHandler({ url: 'http://192.0.2.1:3000/sync', authToken: TOKEN }), /exit 2\): --url: .*not on this machine/);
});
