'use strict';
// The seed's call-state pattern: one Sync document per call, created with a TTL, read then updated per step.

exports.storeCallState = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  await syncService.documents.create({
    uniqueName: `call-${event.CallSid}`,
    data: {
      stage: 'greeting',
      selections: [],
      startTime: new Date().toISOString(),
    },
    ttl: 3600, // Clean up after 1 hour
  });

  return callback(null, { success: true });
};

exports.getCallState = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  const doc = await syncService.documents(`call-${event.CallSid}`).fetch();
  const callState = doc.data;

  await syncService.documents(`call-${event.CallSid}`).update({
    data: {
      ...callState,
      stage: 'menu',
      selections: [...callState.selections, event.Digits],
    },
  });

  // As in the seed: the state as it was before this step.
  return callback(null, callState);
};
