'use strict';
// The seed's activity feed: a Sync list, appended to, read back newest first.

exports.addActivity = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  const { userId, action, details } = event;

  await syncService.syncLists('activity-feed').syncListItems.create({
    data: {
      userId,
      action,
      details,
      timestamp: new Date().toISOString(),
    },
    ttl: 604800, // Keep for 7 days
  });

  return callback(null, { success: true });
};

exports.getActivity = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  const items = await syncService.syncLists('activity-feed').syncListItems.list({
    limit: event.limit || 20,
    order: 'desc',
  });

  return callback(null, {
    activities: items.map((item) => item.data),
  });
};
