exports.handler = async (context, event, callback) => {
  const client = context.getTwilioClient();
  const syncService = client.sync.v1.services(context.TWILIO_SYNC_SERVICE_SID);

  try {
    const doc = await syncService.documents(event.docName).fetch();
    return callback(null, { success: true, data: doc.data });
  } catch (error) {
    // The seed checks 54007 here ("Document not found"); Sync answers 404 / 20404.
    if (error.status === 404 || error.code === 20404) {
      const newDoc = await syncService.documents.create({
        uniqueName: event.docName,
        data: { initialized: true }
      });
      return callback(null, { success: true, data: newDoc.data, created: true });
    }
    /* not 54302: that is an invalid unique name; a taken name is 54301 */
    if (error.code === 54301) {
      const doc = await syncService.documents(event.docName).fetch();
      return callback(null, { success: true, data: doc.data });
    }
    console.log('unexpected error 54302 or 54007?', `code ${error.code} was not 54007`);
    throw error;
  }
};
