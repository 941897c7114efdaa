'use strict';
// twilio-node follows meta.next_page_url as written: every page must stay on the fake.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start, createTestContext } = require('..');

const N = 250;
const range = (n) => Array.from({ length: n }, (_, i) => i);
let sw;
let list;
let map;

before(async () => {
  sw = await start();
  const sync = createTestContext(sw.env).getTwilioClient().sync.v1.services(sw.env.TWILIO_SYNC_SERVICE_SID);
  await sync.syncLists.create({ uniqueName: 'feed' });
  await sync.syncMaps.create({ uniqueName: 'users' });
  list = sync.syncLists('feed').syncListItems;
  map = sync.syncMaps('users').syncMapItems;
  for (const i of range(N)) {
    await list.create({ data: { i } });
    await map.create({ key: `user-${String(i).padStart(3, '0')}`, data: { i } });
  }
});
after(() => sw?.stop());

async function pageByPage(resource, opts) {
  const seen = [];
  let page = await resource.page({ pageSize: 50, ...opts });
  for (;;) {
    seen.push(...page.instances);
    page = await page.nextPage();
    if (!page) return seen;
  }
}

async function eachOf(resource, opts) {
  const seen = [];
  await new Promise((resolve, reject) => {
    resource.each({ ...opts, done: (e) => (e ? reject(e) : resolve()) }, (item) => { seen.push(item); });
  });
  return seen;
}

for (const [order, expected] of [['asc', range(N)], ['desc', range(N).reverse()]]) {
  describe(`${N} items, order ${order}`, () => {
    it('list items with list(), each() and page().nextPage()', async () => {
      assert.deepEqual((await list.list({ order })).map((x) => x.index), expected);
      assert.deepEqual((await eachOf(list, { order })).map((x) => x.index), expected);
      assert.deepEqual((await pageByPage(list, { order })).map((x) => x.index), expected);
    });

    it('map items with list(), each() and page().nextPage()', async () => {
      const keys = expected.map((i) => `user-${String(i).padStart(3, '0')}`);
      assert.deepEqual((await map.list({ order })).map((x) => x.key), keys);
      assert.deepEqual((await eachOf(map, { order })).map((x) => x.key), keys);
      assert.deepEqual((await pageByPage(map, { order })).map((x) => x.key), keys);
    });
  });
}

it('page links name the fake, not sync.twilio.com', async () => {
  const page = await list.page({ pageSize: 50 });
  assert.ok(page.nextPageUrl.startsWith(`${sw.fakeUrl}/v1/`), page.nextPageUrl);
});
