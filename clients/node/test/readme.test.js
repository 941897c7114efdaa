'use strict';
// The repository README's Node snippets, run as pasted: the script with node, the Jest config and
// test file with Jest, in a fresh folder whose node_modules holds this package and twilio; the
// error-handling fragment as a Function's body against the fake.
const { it } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const run = promisify(execFile);
const PACKAGE = path.resolve(__dirname, '..');
const README = path.resolve(PACKAGE, '../../README.md');

/** Every ```js block of README.md, by the name in the `<!-- readme-snippet: NAME -->` line above it. */
function snippets() {
  const text = fs.readFileSync(README, 'utf8');
  const named = {};
  const untagged = [];
  for (const m of text.matchAll(/(<!-- readme-snippet: ([\w-]+) -->\n)?```js\n([\s\S]*?)```/g)) {
    if (m[2]) named[m[2]] = m[3];
    else untagged.push(m[3].split('\n')[0]);
  }
  return { named, untagged };
}

function project() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syncwire-readme-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PACKAGE, path.join(dir, 'node_modules', 'syncwire'), 'dir');
  fs.symlinkSync(path.join(PACKAGE, 'node_modules', 'twilio'), path.join(dir, 'node_modules', 'twilio'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'readme-project', private: true }));
  return dir;
}

it('tags every js snippet in README.md, so none goes untested', () => {
  const { named, untagged } = snippets();
  assert.deepEqual(untagged, [], 'a ```js block in README.md without a <!-- readme-snippet: NAME --> line above it');
  // proxy-node runs in cli's ProxyCliTest, under ./syncwire exec --proxy as README shows.
  assert.deepEqual(Object.keys(named).sort(), ['jest-config', 'jest-test', 'node-error-handling', 'node-script', 'proxy-node']);
});

it('runs the README error-handling fragment against the fake: a missing document is created, then fetched',
  { timeout: 120_000 }, async () => {
    const { start, createTestContext } = require(PACKAGE);
    // The fragment as a Function's body: syncService, event and callback are what a Twilio Function has in scope.
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    const handler = new AsyncFunction('syncService', 'event', 'callback', snippets().named['node-error-handling']);
    const sw = await start();
    try {
      const context = createTestContext(sw.env);
      const syncService = context.getTwilioClient().sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);
      const answers = [];
      const callback = (error, result) => answers.push({ error, result });

      await handler(syncService, { docName: 'session-1' }, callback); // 404, code 20404: created
      await handler(syncService, { docName: 'session-1' }, callback); // found

      assert.deepEqual(answers, [
        { error: null, result: { success: true, data: { initialized: true }, created: true } },
        { error: null, result: { success: true, data: { initialized: true } } },
      ]);
    } finally {
      await sw.stop();
    }
  });

it('runs the README script as pasted', { timeout: 120_000 }, async () => {
  const dir = project();
  try {
    const file = path.join(dir, 'try-syncwire.js');
    fs.writeFileSync(file, snippets().named['node-script']);
    const { stdout } = await run(process.execPath, [file], { cwd: dir, timeout: 110_000 });
    assert.match(stdout, /^webhook map_item_added \{ status: 'online' \}$/m);
    assert.match(stdout, /^presence expired after 5 minutes$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('runs the README Jest config and test file as pasted', { timeout: 180_000 }, async () => {
  const dir = project();
  try {
    const { named } = snippets();
    fs.writeFileSync(path.join(dir, 'jest.config.js'), named['jest-config']);
    fs.writeFileSync(path.join(dir, 'presence.test.js'), named['jest-test']);
    const jest = path.join(PACKAGE, 'node_modules', 'jest', 'bin', 'jest.js');
    // A temp dir of its own: other syncwire runs on the machine make and remove syncwire-* folders in the shared one.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-tmp-'));
    let result;
    try {
      result = await run(process.execPath, [jest, '--ci', '--rootDir', dir],
        { cwd: dir, timeout: 170_000, env: { ...process.env, TMPDIR: tmp } });
    } catch (e) {
      assert.fail(`jest failed on the README snippets:\n${e.stdout}\n${e.stderr}`);
    }
    assert.match(result.stderr, /Tests:\s+1 passed, 1 total/);
    const left = fs.readdirSync(tmp).filter((f) => f.startsWith('syncwire-'));
    fs.rmSync(tmp, { recursive: true, force: true });
    assert.deepEqual(left, [], 'the preset removed its temporary folder');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
