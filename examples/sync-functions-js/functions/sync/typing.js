'use strict';
// The seed's typing indicator: an ephemeral message on a Sync stream.

exports.publishTyping = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  await syncService.syncStreams('room-events').streamMessages.create({
    data: {
      type: 'typing',
      userId: event.userId,
      roomId: event.roomId,
      isTyping: event.isTyping,
    },
  });

  return callback(null, { success: true });
};
