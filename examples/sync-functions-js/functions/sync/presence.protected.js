'use strict';
// The seed's presence pattern: one map item per user with a 300 s TTL, so a user with no heartbeat drops out.

const DUPLICATE_MAP_KEY = 54208; // real Twilio: "Map Item already exists" (HTTP 409)

exports.handler = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  const { userId, status } = event;
  const item = {
    data: {
      status, // 'online', 'away', 'offline'
      lastSeen: new Date().toISOString(),
      device: event.device || 'unknown',
    },
    ttl: 300, // Auto-offline after 5 minutes if no heartbeat
  };

  try {
    await syncService.syncMaps('user-presence').syncMapItems.create({ key: userId, ...item });
  } catch (error) {
    // The seed only creates, so its second heartbeat for a user fails with 54208; a heartbeat updates instead.
    if (error.code !== DUPLICATE_MAP_KEY) {
      throw error;
    }
    await syncService.syncMaps('user-presence').syncMapItems(userId).update(item);
  }

  return callback(null, { success: true });
};
