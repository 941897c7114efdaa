'use strict';
// What test isolation costs over HTTP: fake.reset() (the fake's reset and the receiver's
// DELETE /api/events) plus fake.clock.advance('1s'), 1,000 times after a warm-up, beside a bare
// GET /health round trip to the receiver in the same run. `node bench/isolation.js [iterations]`
const { start } = require('..');

const ITERATIONS = Number(process.argv[2] || 1000);
const WARM_UP = 200;

async function measure(fn) {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const ms = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (p) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)].toFixed(2);
  return { median: at(50), p90: at(90), p99: at(99) };
}

(async () => {
  const sw = await start();
  try {
    const baseline = await measure(async () => {
      const res = await fetch(`${sw.receiverUrl}/health`);
      await res.arrayBuffer();
    });
    const isolation = await measure(async () => {
      await sw.fake.reset();
      await sw.fake.clock.advance('1s');
    });
    console.log(`syncwire isolation benchmark, ${ITERATIONS} iterations after ${WARM_UP} warm-up, node ${process.version}`);
    console.log('| what | median ms | p90 ms | p99 ms |');
    console.log('|---|---|---|---|');
    console.log(`| baseline: GET /health on the receiver | ${baseline.median} | ${baseline.p90} | ${baseline.p99} |`);
    console.log(`| fake.reset() + fake.clock.advance('1s') | ${isolation.median} | ${isolation.p90} | ${isolation.p99} |`);
  } finally {
    await sw.stop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
