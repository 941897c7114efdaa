'use strict';
// Starts `../../syncwire up` on free ports as a child process, waits until its receiver answers
// /health, and reads the export line it prints. Used by Jest's globalSetup/globalTeardown.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const LAUNCHER = path.resolve(__dirname, '../../../../syncwire');
const JAR = path.resolve(__dirname, '../../../../cli/target/syncwire.jar');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function parseExports(log) {
  const env = {};
  for (const m of log.matchAll(/^\s*export\s+([A-Z_]+)=(\S+)\s*$/gm)) {
    env[m[1]] = m[2];
  }
  return env;
}

const NEEDED = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_SYNC_SERVICE_SID', 'SYNCWIRE_SYNC_BASE_URL'];

/**
 * @returns {Promise<{pid, logFile, receiverUrl, fakeUrl, env, stop()}>}
 */
async function startSyncwireUp({ seed = 42, timeoutMs } = {}) {
  const port = await freePort();
  let fakePort = await freePort();
  while (fakePort === port) fakePort = await freePort();
  // A missing jar means the launcher runs Maven first: allow for that, otherwise a JVM start is seconds.
  const building = !fs.existsSync(JAR);
  const deadlineMs = timeoutMs ?? Number(process.env.SYNCWIRE_UP_TIMEOUT_MS || (building ? 300_000 : 60_000));
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'syncwire-up-')), 'syncwire-up.log');
  const out = fs.openSync(logFile, 'a');
  const args = ['up', '--port', String(port), '--fake-port', String(fakePort), '--seed', String(seed)];
  if (building) {
    process.stderr.write(`syncwire: ${JAR} is missing; the launcher builds it with Maven first (minutes)\n`);
  }
  // Its own process group, so teardown can stop the launcher and anything it started (mvn, java) by this id.
  const child = spawn(LAUNCHER, args, { stdio: ['ignore', out, out], detached: true, env: withoutRegion(process.env) });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const stop = () => stopGroup(child);
  const onExit = () => signalGroup(child, 'SIGTERM'); // 'exit' handlers cannot wait
  process.once('exit', onExit);

  const receiverUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let lastProblem = 'no answer yet';
  try {
    for (let attempt = 1; ; attempt++) {
      if (exited) {
        throw new Error(`syncwire up exited (${JSON.stringify(exited)}) before it was ready`);
      }
      const env = parseExports(fs.readFileSync(logFile, 'utf8'));
      if (NEEDED.every((n) => env[n])) {
        try {
          const res = await fetch(`${receiverUrl}/health`, { signal: AbortSignal.timeout(2000) });
          const health = await res.json();
          if (res.ok && health.status === 'ok') {
            return {
              pid: child.pid, logFile, receiverUrl, fakeUrl: env.SYNCWIRE_SYNC_BASE_URL, env, stop,
              startedInMs: Date.now() - started,
            };
          }
          lastProblem = `/health answered ${res.status} ${JSON.stringify(health)}`;
        } catch (e) {
          lastProblem = `/health: ${e.cause?.code || e.message}`;
        }
      } else {
        lastProblem = 'the export line is not printed yet';
      }
      if (Date.now() - started > deadlineMs) {
        throw new Error(`syncwire up was not ready within ${deadlineMs} ms (${attempt} probes; last: ${lastProblem})`);
      }
      await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
    }
  } catch (e) {
    await stop();
    process.removeListener('exit', onExit);
    e.message += `\n  command: ${LAUNCHER} ${args.join(' ')}\n  its output: ${logFile}\n${tail(logFile)}`;
    throw e;
  }
}

function withoutRegion(env) {
  const copy = { ...env };
  delete copy.TWILIO_REGION;
  delete copy.TWILIO_EDGE;
  return copy;
}

// SIGTERM to the group, then SIGKILL if it has not exited within graceMs; resolves once it has.
function stopGroup(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  return exited.finally(() => clearTimeout(timer));
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch (e) {
    if (e.code !== 'ESRCH') throw e;
  }
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    | ${l}`).join('\n');
  } catch {
    return '';
  }
}

module.exports = { startSyncwireUp, parseExports, freePort };
