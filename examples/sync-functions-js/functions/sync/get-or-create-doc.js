'use strict';
// The seed's error-handling pattern (fetch a document, create it when missing, survive a create race),
// branching on the codes real Twilio returns.
//
// The seed branches on 54007 ("document not found") and 54302 ("unique name already exists").
// Neither ever matches a REST call:
//   * a missing document is HTTP 404 with code 20404, the generic "resource not found";
//     Twilio's own sync-webhook.protected.js (twilio-live-interactive-video) tests e.code === 20404;
//   * a duplicate unique name is HTTP 409 with code 54301 (the code the seed calls "data too large";
//     too large is 54006).
// So the seed's handler rethrows the 404 on the very first call and never creates anything.
// Swapping the numbers alone is not enough either: the seed's race branch sits in the catch of the
// *fetch*, so a 409 thrown by its create escapes it. Here create has its own try.

const NOT_FOUND = 20404;
const UNIQUE_NAME_EXISTS = 54301;

exports.handler = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  try {
    const doc = await syncService.documents(event.docName).fetch();
    return callback(null, { success: true, data: doc.data });
  } catch (error) {
    if (error.code !== NOT_FOUND) {
      throw error;
    }
  }

  try {
    const newDoc = await syncService.documents.create({
      uniqueName: event.docName,
      data: { initialized: true },
    });
    return callback(null, { success: true, data: newDoc.data, created: true });
  } catch (error) {
    if (error.code !== UNIQUE_NAME_EXISTS) {
      throw error;
    }
    // Another invocation created it between our fetch and our create: use theirs.
    const doc = await syncService.documents(event.docName).fetch();
    return callback(null, { success: true, data: doc.data });
  }
};
