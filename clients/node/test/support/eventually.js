'use strict';
// Waits for a condition the OS settles on its own (a killed process gone), as Awaitility's until():
// checks it, and fails with `what` after `timeoutMs`. Not for syncwire's own async work: await events.
async function eventually(what, condition, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function processGone(pid) {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

module.exports = { eventually, processGone };
