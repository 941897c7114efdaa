'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { start, connect } = require('..');
const { eventually, processGone } = require('./support/eventually');

const run = promisify(execFile);

describe('start() and stop()', () => {
  it('starts up on free ports with the contract variables and a manual clock, and leaves nothing behind', async () => {
    const sw = await start();
    const dir = path.dirname(sw.logFile);
    try {
      for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_SYNC_SERVICE_SID',
        'SYNCWIRE_SYNC_BASE_URL', 'SYNCWIRE_RECEIVER_URL', 'SYNCWIRE_CONTROL_URL']) {
        assert.ok(sw.env[name], `${name} is set`);
      }
      assert.match(sw.env.TWILIO_ACCOUNT_SID, /^AC[0-9a-f]{32}$/);
      assert.equal(sw.fakeUrl, sw.env.SYNCWIRE_SYNC_BASE_URL);
      assert.equal(sw.controlUrl, `${sw.fakeUrl}/__syncwire`);
      assert.match(sw.receiverUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await (await fetch(`${sw.receiverUrl}/health`)).json()).status, 'ok');
      assert.equal(await sw.fake.clock.mode(), 'manual');
      assert.ok(fs.existsSync(dir), 'the temp dir exists while it runs');
    } finally {
      await sw.stop();
    }
    assert.equal(fs.existsSync(dir), false, 'stop() removes the temp dir');
    await assert.rejects(fetch(`${sw.receiverUrl}/health`), /fetch failed/);
    await assert.rejects(fetch(`${sw.fakeUrl}/__syncwire/clock`), /fetch failed/);
    assert.ok(processGone(sw.pid), 'the JVM is gone');
    await sw.stop(); // twice is fine
  });

  it("passes clock: 'system' and a seed: the same seed gives the same SIDs", async () => {
    const sw = await start({ clock: 'system', seed: 7 });
    try {
      assert.equal(await sw.fake.clock.mode(), 'system');
      const before = Date.now();
      const now = (await sw.fake.clock.now()).getTime();
      assert.ok(Math.abs(now - before) < 5000, `the system clock is now (${new Date(now).toISOString()})`);
      await assert.rejects(sw.fake.clock.advance('5m'), (e) => {
        assert.equal(e.status, 409);
        assert.equal(e.error, 'clock_not_manual');
        assert.match(e.message, /--clock manual/);
        return true;
      });
      const again = await start({ seed: 7 });
      try {
        assert.equal(again.env.TWILIO_SYNC_SERVICE_SID, sw.env.TWILIO_SYNC_SERVICE_SID);
      } finally {
        await again.stop();
      }
    } finally {
      await sw.stop();
    }
  });

  it('kills the JVM and removes the temp dir when the process exits without stop()', async () => {
    const script = `require(${JSON.stringify(path.resolve(__dirname, '..'))}).start().then((sw) => {
      console.log(JSON.stringify({ pid: sw.pid, dir: require('path').dirname(sw.logFile) })); process.exit(0); });`;
    const { stdout } = await run(process.execPath, ['-e', script]);
    const { pid, dir } = JSON.parse(stdout);
    assert.equal(fs.existsSync(dir), false);
    await eventually(`JVM ${pid} gone`, () => processGone(pid));
  });

  it('stops the JVM when the process is killed with -9, and the next start() removes the orphaned temp dir', async () => {
    const script = `require(${JSON.stringify(path.resolve(__dirname, '..'))}).start().then((sw) => {
      console.log(JSON.stringify({ pid: sw.pid, dir: require('path').dirname(sw.logFile) })); setInterval(() => {}, 1000); });`;
    const child = require('node:child_process').spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) resolve(text.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`the script exited (${code}) before it started syncwire`)));
    });
    const { pid, dir } = JSON.parse(line);
    child.kill('SIGKILL');
    // Nothing in the dead process can stop the JVM: up --stop-with-parent sees its parent go.
    await eventually(`JVM ${pid} gone after its parent was killed with -9`, () => processGone(pid), 20_000);
    assert.equal(fs.existsSync(dir), true, 'nobody was left to remove the temp dir yet');
    const sw = await start();
    try {
      assert.equal(fs.existsSync(dir), false, 'start() removed the dead process\'s temp dir');
    } finally {
      await sw.stop();
    }
  });

  it('refuses bad options before starting anything', async () => {
    await assert.rejects(start({ clok: 'manual' }), /unknown option "clok"; use clock, seed/);
    await assert.rejects(start({ clock: 'frozen' }), /clock must be 'manual', 'system' or 'manual=<ISO instant>'.*got "frozen"/);
    await assert.rejects(start({ seed: 1.5 }), /seed must be a whole number; got 1.5/);
  });
});

describe('without a usable Java', () => {
  const saved = { ...process.env };
  const withEnv = async (env, fn) => {
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    try {
      await fn();
    } finally {
      for (const k of Object.keys(env)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  };
  const jdk17 = /JDK 17.*JAVA_HOME.*SYNCWIRE_JAR/s;

  it('names JDK 17 when SYNCWIRE_JAVA points nowhere', () => withEnv({ SYNCWIRE_JAVA: '/nonexistent' }, async () => {
    await assert.rejects(start(), (e) => {
      assert.match(e.message, /\/nonexistent \(from SYNCWIRE_JAVA\) was not found/);
      assert.match(e.message, jdk17);
      return true;
    });
  }));

  it('names JDK 17 when no java is on the PATH', () => withEnv({ PATH: '/nonexistent-bin', JAVA_HOME: undefined, SYNCWIRE_JAVA: undefined }, async () => {
    await assert.rejects(start(), (e) => {
      assert.match(e.message, /`java` on the PATH was not found/);
      assert.match(e.message, jdk17);
      return true;
    });
  }));

  it('names JDK 17 when the java found is older', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syncwire-test-java-'));
    try {
      const java = path.join(dir, 'bin', 'java');
      fs.mkdirSync(path.dirname(java));
      fs.writeFileSync(java, '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n', { mode: 0o755 });
      await withEnv({ JAVA_HOME: dir, SYNCWIRE_JAVA: undefined }, async () => {
        await assert.rejects(start(), (e) => {
          assert.match(e.message, /needs JDK 17 or newer, but .*bin\/java \(from JAVA_HOME\) is Java 11\.0\.2/);
          return true;
        });
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when SYNCWIRE_JAR names a missing file', () => withEnv({ SYNCWIRE_JAR: '/nonexistent/syncwire.jar' }, async () => {
    await assert.rejects(start(), /SYNCWIRE_JAR names \/nonexistent\/syncwire.jar, which does not exist/);
  }));
});

describe('connect()', () => {
  it('names the missing variables and how to get them', () => {
    assert.throws(() => connect({}), /SYNCWIRE_RECEIVER_URL and SYNCWIRE_SYNC_BASE_URL are not set; start syncwire/);
  });
});
