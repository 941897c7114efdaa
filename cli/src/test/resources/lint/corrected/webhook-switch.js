// list_item_created and map_item_created are the seed's names: Twilio sends *_added.
const SEED_CODES = [54007, 54302]; // kept for a log line, never compared
exports.handler = async (context, event, callback) => {
  switch (event.EventType) {
    case 'list_item_added':
    case 'map_item_added':
      console.log('was map_item_created in the seed', 'map_item_created', SEED_CODES);
      break;
    default:
      break;
  }
  const re = /54007|'map_item_created'/;
  return callback(null, { ok: event.EventType === "map_item_added", n: 54302 / 2, re });
};
