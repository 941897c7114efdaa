'use strict';
// Starts `java -jar syncwire.jar up` on free ports in its own process group, waits for the env
// file it writes once both servers listen, and stops it again leaving nothing behind.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { locateJar, locateJava } = require('./java');
const { connect } = require('./connect');
const { shown } = require('./duration');

const START_OPTIONS = ['clock', 'seed', 'journal', 'forwardTo', 'timeout', 'javaOptions', 'streamWebhooks'];
const STOP_GRACE_MS = 10_000;
const running = new Set();
const TEMP_PREFIX = 'syncwire-';
const OWNER_FILE = 'owner.pid';

/**
 * Starts syncwire: `up --port 0 --fake-port 0 --clock manual --env-file <tmp>/env [--seed N] [--stream-webhooks]`.
 * Resolves with `{ env, receiverUrl, fakeUrl, controlUrl, events, fake, logFile, pid, stop() }`.
 */
async function start(options = {}) {
  const { clock = 'manual', seed, journal, forwardTo, timeout = 60_000, javaOptions = [], streamWebhooks = false } = checkOptions(options);
  const java = locateJava();
  const jar = locateJar();
  removeOrphans();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), TEMP_PREFIX));
  // Who owns the folder: a later start() removes it if this process died without cleaning up (kill -9).
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  const envFile = path.join(dir, 'env');
  const logFile = path.join(dir, 'syncwire.log');
  const args = [...javaOptions, '-jar', jar, 'up', '--port', '0', '--fake-port', '0', '--clock', clock,
    '--env-file', envFile, '--stop-with-parent', ...(seed !== undefined ? ['--seed', String(seed)] : []),
    ...(journal ? ['--journal', path.resolve(journal)] : []), ...(streamWebhooks ? ['--stream-webhooks'] : []),
    ...(forwardTo !== undefined ? ['--forward-to', String(forwardTo)] : [])];
  const out = fs.openSync(logFile, 'a');
  let child;
  try {
    // Its own process group: stop() and the exit safety net signal the group, never a name.
    child = spawn(java, args, { stdio: ['ignore', out, out], detached: true, env: withoutRegion(process.env) });
  } finally {
    fs.closeSync(out);
  }
  const instance = { child, dir, stopping: null };
  running.add(instance);
  installSafetyNet();
  const stop = () => stopInstance(instance);

  try {
    const env = await readyEnv(child, dir, envFile, timeout);
    const sw = connect(env);
    await checkHealth(sw.receiverUrl);
    return { ...sw, logFile, pid: child.pid, stop };
  } catch (e) {
    const tail = logTail(logFile);
    await stop();
    e.message = `syncwire did not start: ${e.message}\n  command: ${java} ${args.join(' ')}\n  its output (last lines):\n${tail}`;
    throw e;
  }
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`start(options): options must be an object such as { clock: 'system', seed: 7 }; got ${shown(options)}`);
  }
  for (const name of Object.keys(options)) {
    if (!START_OPTIONS.includes(name)) {
      throw new TypeError(`start(options) has an unknown option ${JSON.stringify(name)}; use ${START_OPTIONS.join(', ')}`);
    }
  }
  const { clock, seed, timeout, javaOptions, streamWebhooks } = options;
  if (clock !== undefined && !(clock === 'system' || clock === 'manual'
    || (typeof clock === 'string' && /^manual=.+/.test(clock) && !Number.isNaN(Date.parse(clock.slice(7)))))) {
    throw new TypeError(`start(options): clock must be 'manual', 'system' or 'manual=<ISO instant>' such as 'manual=2026-01-01T00:00:00Z'; got ${shown(clock)}`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new TypeError(`start(options): seed must be a whole number; got ${shown(seed)}`);
  }
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) {
    throw new TypeError(`start(options): timeout must be a whole number of milliseconds, more than 0; got ${shown(timeout)}`);
  }
  if (javaOptions !== undefined && (!Array.isArray(javaOptions) || javaOptions.some((o) => typeof o !== 'string'))) {
    throw new TypeError(`start(options): javaOptions must be an array of strings such as ['-Xmx256m']; got ${shown(javaOptions)}`);
  }
  if (streamWebhooks !== undefined && typeof streamWebhooks !== 'boolean') {
    throw new TypeError(`start(options): streamWebhooks must be true or false; got ${shown(streamWebhooks)}`);
  }
  return options;
}

/** Resolves with the env file's variables once it appears; rejects when the JVM exits or `timeoutMs` passes. */
function readyEnv(child, dir, envFile, timeoutMs) {
  return new Promise((resolve, reject) => {
    let watcher;
    let timer;
    let fallback;
    const done = (fn, value) => {
      clearTimeout(timer);
      clearInterval(fallback);
      watcher?.close();
      child.removeListener('exit', onExit);
      child.removeListener('error', onError);
      fn(value);
    };
    const check = () => {
      let text;
      try {
        text = fs.readFileSync(envFile, 'utf8');
      } catch {
        return; // not written yet
      }
      done(resolve, parseEnvFile(text));
    };
    const onExit = (code, signal) => done(reject, new Error(`the JVM exited (${signal || `code ${code}`}) before it was ready`));
    const onError = (e) => done(reject, new Error(`the JVM could not be started: ${e.message}`));
    child.once('exit', onExit);
    child.once('error', onError);
    timer = setTimeout(() => done(reject, new Error(`it was not ready within ${timeoutMs} ms (start({ timeout }) allows more)`)), timeoutMs);
    // The env file is renamed into place once both servers listen: a directory watch sees it at once.
    watcher = fs.watch(dir, (_, name) => {
      if (name === null || name === path.basename(envFile)) check();
    });
    // Some file systems do not report renames; look now and then as well.
    fallback = setInterval(check, 250);
    check();
  });
}

/**
 * Removes the temp folders of start() calls whose process died without stop() (kill -9): the JVM
 * stopped itself (--stop-with-parent), but nobody was left to remove the folder.
 */
function removeOrphans() {
  let names;
  try {
    names = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(TEMP_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(os.tmpdir(), name);
    let owner;
    try {
      owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours, or still being set up
    }
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner)) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** `NAME=value` lines, as `up --env-file` writes them. */
function parseEnvFile(text) {
  const env = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  return env;
}

async function checkHealth(receiverUrl) {
  const res = await fetch(`${receiverUrl}/health`, { signal: AbortSignal.timeout(10_000) });
  const health = await res.json().catch(() => ({}));
  if (!res.ok || health.status !== 'ok') {
    throw new Error(`the receiver's ${receiverUrl}/health answered ${res.status} ${JSON.stringify(health)}`);
  }
}

/** SIGTERM to the group, SIGKILL after a grace period; then the temp dir goes. Safe to call twice. */
function stopInstance(instance) {
  if (!instance.stopping) {
    instance.stopping = (async () => {
      const { child } = instance;
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        signalGroup(child, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(instance.dir, { recursive: true, force: true });
      running.delete(instance);
    })();
  }
  return instance.stopping;
}

let netInstalled = false;

// A test run that ends without stop() (a crash, process.exit, Ctrl-C) must not leave a JVM behind.
function installSafetyNet() {
  if (netInstalled) return;
  netInstalled = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      killAll();
      // Only ours listens: restore the default and die of the same signal, as if we were not here.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function killAll() {
  for (const instance of running) {
    signalGroup(instance.child, 'SIGKILL');
    fs.rmSync(instance.dir, { recursive: true, force: true });
  }
  running.clear();
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch (e) {
    if (e.code !== 'ESRCH') throw e;
  }
}

function withoutRegion(env) {
  const copy = { ...env };
  // The SDK rewrites the fake's host when these are set; the JVM does not need them either.
  delete copy.TWILIO_REGION;
  delete copy.TWILIO_EDGE;
  return copy;
}

function logTail(file, lines = 30) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).map((l) => `    | ${l}`).join('\n') : '    (nothing)';
  } catch {
    return '    (no log)';
  }
}

module.exports = { start, parseEnvFile };
