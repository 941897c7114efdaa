exports.handler = async (context, event, callback) => {
  switch (event.EventType) {
    case 'document_created':
    case 'document_updated':
      break;
    case 'list_item_created':
      break;
    case 'map_item_created':
      break;
    default:
      break;
  }
  if (event.EventType === "map_item_created") {
    console.log('new map item');
  }
  return callback(null, { ok: true });
};
