'use strict';
// The one wait in these tests: polls a condition until it returns a value (not undefined/false),
// or rejects after the deadline saying what was awaited and the last error seen. Never a sleep.

async function until(what, condition, { timeoutMs = 30000, everyMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}${last ? `; last error: ${last.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

module.exports = { until };
