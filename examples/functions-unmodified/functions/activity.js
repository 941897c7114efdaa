'use strict';
// An activity feed: appends to the list `activity-feed` and keeps the document `last-activity`,
// through context.getTwilioClient() on the account's default Sync service.

const NOT_FOUND = 20404;
const DUPLICATE = 54301;

async function createIfMissing(create) {
  await create().catch((e) => {
    if (e.code !== DUPLICATE) throw e;
  });
}

exports.handler = async (context, event, callback) => {
  const sync = context.getTwilioClient().sync.v1.services('default');
  const entry = { userId: event.userId, action: event.action, at: new Date().toISOString() };
  try {
    await sync.syncLists('activity-feed').syncListItems.create({ data: entry });
  } catch (error) {
    if (error.code !== NOT_FOUND) throw error;
    await createIfMissing(() => sync.syncLists.create({ uniqueName: 'activity-feed' }));
    await sync.syncLists('activity-feed').syncListItems.create({ data: entry });
  }
  try {
    await sync.documents('last-activity').update({ data: entry });
  } catch (error) {
    if (error.code !== NOT_FOUND) throw error;
    await createIfMissing(() => sync.documents.create({ uniqueName: 'last-activity', data: entry }));
  }
  return callback(null, entry);
};
