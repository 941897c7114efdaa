'use strict';
// What a user gets from npm: `npm pack` here, `npm install ./syncwire-0.1.0.tgz` in an empty
// folder, and a script there that starts syncwire, creates a document and awaits its webhook.
const { it } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

it('packs with the jar, installs in an empty folder and runs there', { timeout: 600_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syncwire-pack-'));
  try {
    const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', dir], { cwd: path.resolve(__dirname, '..') });
    const [packed] = JSON.parse(stdout);
    assert.equal(packed.filename, 'syncwire-0.1.0.tgz');
    assert.ok(packed.files.some((f) => f.path === 'jar/syncwire.jar'), 'the tarball carries the jar');
    assert.ok(!packed.files.some((f) => f.path.startsWith('test/')), 'and no tests');
    assert.equal(fs.existsSync(path.resolve(__dirname, '..', 'jar')), false, 'postpack removed the copied jar');

    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
    await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(dir, packed.filename)], { cwd: project });
    fs.writeFileSync(path.join(project, 'try.js'), `
const { start, createTestContext } = require('syncwire');
(async () => {
  const sw = await start();
  try {
    const sync = createTestContext(sw.env).getTwilioClient().sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID);
    await sync.documents.create({ uniqueName: 'hello', data: { from: 'the tarball' } });
    const event = await sw.events.await({ type: 'document_created', object: 'hello' });
    console.log(JSON.stringify({ data: event.data, jar: require.resolve('syncwire/package.json') }));
  } finally {
    await sw.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
`);
    const env = { ...process.env };
    delete env.SYNCWIRE_JAR;
    const out = await run(process.execPath, ['try.js'], { cwd: project, env });
    const result = JSON.parse(out.stdout);
    assert.deepEqual(result.data, { from: 'the tarball' });
    assert.ok(fs.existsSync(path.join(project, 'node_modules', 'syncwire', 'jar', 'syncwire.jar')));
    assert.ok(fs.existsSync(path.join(project, 'node_modules', 'twilio')), 'npm installed the peer twilio');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
