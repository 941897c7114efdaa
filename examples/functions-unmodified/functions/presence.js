'use strict';
// A heartbeat: one map item per user in `user-presence`, TTL 300 s, through Runtime.getSync()
// (the service named `default`). Nothing here knows about syncwire: it runs as deployed.

const NOT_FOUND = 20404; // map or item missing
const DUPLICATE = 54301; // map created meanwhile by another heartbeat

exports.handler = async (context, event, callback) => {
  const sync = Runtime.getSync();
  const { userId, status } = event;
  if (!userId || !status) {
    const response = new Twilio.Response();
    response.setStatusCode(400);
    response.setBody({ error: `userId and status are required; got userId=${userId} status=${status}` });
    return callback(null, response);
  }
  const item = { data: { status, lastSeen: new Date().toISOString() }, ttl: 300 };
  try {
    await sync.syncMaps('user-presence').syncMapItems(userId).update(item);
  } catch (error) {
    if (error.code !== NOT_FOUND) throw error;
    await sync.syncMaps.create({ uniqueName: 'user-presence' }).catch((e) => {
      if (e.code !== DUPLICATE) throw e;
    });
    await sync.syncMaps('user-presence').syncMapItems.create({ key: userId, ...item });
  }
  return callback(null, { userId, status });
};
