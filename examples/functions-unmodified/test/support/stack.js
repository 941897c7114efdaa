'use strict';
// Starts what `npm start` starts, on free ports: twilio-run under `./syncwire exec --proxy`, with
// the fake's credentials from .env, and reads back where the fake listens from --env-file.

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const dotenv = require('dotenv');
const { until } = require('./until');

const PROJECT = path.resolve(__dirname, '..', '..');
const SYNCWIRE = path.resolve(PROJECT, '..', '..', 'syncwire');
const TWILIO_RUN = path.join(PROJECT, 'node_modules', '.bin', 'twilio-run');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startStack() {
  const credentials = dotenv.parse(fs.readFileSync(path.join(PROJECT, '.env')));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'functions-unmodified-'));
  const envFile = path.join(dir, 'syncwire.env');
  const webhookLog = path.join(dir, 'webhooks.jsonl');
  const port = await freePort();
  const args = ['exec', '--proxy', '--port', '0', '--fake-port', '0', '--ca-dir', path.join(dir, 'ca'),
    '--account-sid', credentials.ACCOUNT_SID, '--auth-token', credentials.AUTH_TOKEN, '--env-file', envFile,
    '--', TWILIO_RUN, '--load-local-env', '--port', String(port)];
  const output = [];
  // Its own process group, so stop() ends syncwire, twilio-run and the Functions it forked together.
  const child = spawn(SYNCWIRE, args, {
    cwd: PROJECT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WEBHOOK_LOG: webhookLog, FORCE_COLOR: '0' },
  });
  child.stdout.on('data', (d) => output.push(d.toString()));
  child.stderr.on('data', (d) => output.push(d.toString()));
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const alive = () => {
    if (exited) throw new Error(`syncwire exec ended (${JSON.stringify(exited)}):\n${output.join('')}`);
  };

  const env = await until('the env file of syncwire exec', () => {
    alive();
    return fs.existsSync(envFile) && dotenv.parse(fs.readFileSync(envFile));
  }, { timeoutMs: 300000 }); // the launcher may build the jar first
  const functionsUrl = `http://localhost:${port}`;
  await until(`twilio-run on ${functionsUrl}`, async () => {
    alive();
    return (await fetch(`${functionsUrl}/not-a-function`)).status === 404;
  }, { timeoutMs: 60000 });

  return {
    env, functionsUrl, webhookLog, credentials,
    output: () => output.join(''),
    webhooks: () => (fs.existsSync(webhookLog) ? fs.readFileSync(webhookLog, 'utf8') : '')
      .split('\n').filter(Boolean).map((line) => JSON.parse(line)),
    async stop() {
      if (!exited) {
        const ended = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await ended;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { startStack };
