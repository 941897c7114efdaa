'use strict';
// What an await looks for, and the words for it: the same matching and failure wording as the
// Java harness's EventMatcher, over the receiver's JSON events.
const { isDeepStrictEqual } = require('node:util');
const { shown } = require('./duration');

// The seed's names for the two types Twilio renamed; every other type has one name.
const SEED_NAMES = { list_item_created: 'list_item_added', map_item_created: 'map_item_added' };
const REAL_TYPES = [
  'document_created', 'document_updated', 'document_removed',
  'list_created', 'list_removed', 'list_item_added', 'list_item_updated', 'list_item_removed',
  'map_created', 'map_removed', 'map_item_added', 'map_item_updated', 'map_item_removed',
  'stream_message_published', 'endpoint_connected', 'endpoint_disconnected',
];
const KNOWN_TYPES = [...REAL_TYPES, ...Object.keys(SEED_NAMES)].sort();
const STATUSES = ['accepted', 'rejected', 'duplicate'];
const FILTER_FIELDS = ['type', 'object', 'key', 'index', 'status', 'data', 'where'];

/** Twilio's name for a Sync event type named in either dialect (`map_item_created` -> `map_item_added`), or undefined. */
function canonicalType(name) {
  if (typeof name !== 'string') return undefined;
  if (SEED_NAMES[name]) return SEED_NAMES[name];
  return REAL_TYPES.includes(name) ? name : undefined;
}

/** A filter checked once, with everything matching needs: throws a TypeError naming a bad field. */
function compile(filter = {}, what = 'filter') {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new TypeError(`${what} must be an object such as { type: 'map_item_added', object: 'user-presence' }; got ${shown(filter)}`);
  }
  for (const field of Object.keys(filter)) {
    if (!FILTER_FIELDS.includes(field)) {
      throw new TypeError(`${what} has an unknown field ${JSON.stringify(field)}; use ${FILTER_FIELDS.join(', ')}`);
    }
  }
  const criteria = [];
  const { type, object, key, index, data, where } = filter;
  let canonical;
  if (type !== undefined) {
    canonical = canonicalType(type);
    if (!canonical) {
      throw new TypeError(`${what}.type ${shown(type)} is not a Sync event type; use one of ${KNOWN_TYPES.join(', ')} (either dialect)`);
    }
    const seed = Object.keys(SEED_NAMES).find((n) => SEED_NAMES[n] === canonical);
    criteria.push({
      kind: 'type',
      words: `a ${canonical}${seed ? ` (either dialect: ${canonical} or ${seed})` : ''}`,
      test: (e) => (e.canonicalType || canonicalType(e.eventType)) === canonical,
      mismatch: (e) => `type was ${e.eventType}`,
    });
  }
  if (object !== undefined) {
    requireString(object, `${what}.object`);
    criteria.push({
      kind: 'object',
      words: `for object ${quote(object)}`,
      test: (e) => e.objectName === object || e.objectSid === object,
      mismatch: (e) => `object was ${quote(e.objectName ?? e.objectSid)}`,
    });
  }
  if (key !== undefined) {
    requireString(key, `${what}.key`);
    criteria.push({
      kind: 'key',
      words: `key ${quote(key)}`,
      test: (e) => e.itemKey === key,
      mismatch: (e) => (e.itemKey == null ? 'had no key' : `key was ${quote(e.itemKey)}`),
    });
  }
  if (index !== undefined) {
    if (!Number.isInteger(index) || index < 0) {
      throw new TypeError(`${what}.index must be a list item index (a whole number, 0 or more); got ${shown(index)}`);
    }
    criteria.push({
      kind: 'index',
      words: `index ${index}`,
      test: (e) => e.itemIndex === index,
      mismatch: (e) => (e.itemIndex == null ? 'had no index' : `index was ${e.itemIndex}`),
    });
  }
  if (data !== undefined) {
    if (data === null || typeof data !== 'object') {
      throw new TypeError(`${what}.data must be an object the event's data contains, such as { status: 'offline' }; got ${shown(data)}`);
    }
    for (const [field, wanted] of Object.entries(data)) {
      criteria.push({
        kind: 'data',
        words: `data.${field} = ${JSON.stringify(wanted)}`,
        test: (e) => e.data != null && typeof e.data === 'object' && field in e.data && contains(e.data[field], wanted),
        mismatch: (e) => (e.data == null || typeof e.data !== 'object' ? 'had no data'
          : !(field in e.data) ? `data had no ${field}` : `data.${field} was ${abbreviate(JSON.stringify(e.data[field]))}`),
      });
    }
  }
  if (where !== undefined) {
    if (typeof where !== 'function') {
      throw new TypeError(`${what}.where must be a function (event) => boolean; got ${shown(where)}`);
    }
    const words = where.name && where.name !== 'where' ? `where ${where.name}()` : 'where(event) true';
    criteria.push({ kind: 'where', words, test: (e) => Boolean(where(e)), mismatch: () => `not ${words}` });
  }
  const statuses = statusesOf(filter.status, what);
  return {
    criteria,
    statuses,
    /** Query parameters the receiver filters by itself (status stays local: a rejected match must be seen). */
    query: { ...(canonical && { type: canonical }), ...(object !== undefined && { object }),
      ...(key !== undefined && { key }), ...(index !== undefined && { index: String(index) }) },
    matches: (e) => statuses.includes(e.status) && criteria.every((c) => c.test(e)),
    rejectedMatch: (e) => e.status === 'rejected' && !statuses.includes('rejected') && criteria.every((c) => c.test(e)),
    score: (e) => (statuses.includes(e.status) ? 1 : 0) + criteria.filter((c) => safeTest(c, e)).length,
    mismatches: (e) => {
      const out = criteria.filter((c) => !safeTest(c, e)).map((c) => c.mismatch(e));
      if (!statuses.includes(e.status)) {
        out.push(e.status === 'duplicate' ? `was a redelivery of #${e.duplicateOf} (duplicate)`
          : e.status === 'rejected' ? `was rejected${e.errors?.length ? `: ${errorWords(e.errors[0])}` : ''}`
            : `was ${e.status}, not ${statuses.join(' or ')}`);
      }
      return out;
    },
    words: () => describe(criteria, statuses),
  };
}

function statusesOf(status, what) {
  if (status === undefined) return ['accepted'];
  const list = Array.isArray(status) ? status : [status];
  for (const s of list) {
    if (!STATUSES.includes(s)) {
      throw new TypeError(`${what}.status must be one of ${STATUSES.join(', ')} (or an array of them); got ${shown(status)}`);
    }
  }
  return list;
}

/** `a map_item_removed for object "user-presence", key "user-123"`, as EventMatcher.description() reads. */
function describe(criteria, statuses) {
  const type = criteria.find((c) => c.kind === 'type');
  let words = type ? type.words : 'an event';
  let first = true;
  for (const c of criteria) {
    if (c.kind === 'type') continue;
    words += (first && c.kind === 'object' ? ' ' : first ? ' with ' : ', ') + c.words;
    first = false;
  }
  if (statuses.length !== 1 || statuses[0] !== 'accepted') {
    words += `${first ? ' with ' : ', '}status ${statuses.join(' or ')}`;
  }
  return words;
}

/** `#33 map_item_removed user-presence/user-456`, with ` (rejected)` when not accepted: SyncEvent.toString(). */
function eventLine(e) {
  const object = e.objectName ?? e.objectSid;
  const item = e.itemKey ?? e.itemIndex;
  return `#${e.id} ${e.eventType ?? '(no EventType)'}${object != null ? ` ${object}${item != null ? `/${item}` : ''}` : ''}`
    + `${e.status === 'accepted' ? '' : ` (${e.status})`}`;
}

function errorWords(v) {
  return v.message && v.field && v.message.startsWith(v.field) ? v.message : `${v.field}: ${v.message}`;
}

/** Deep partial match: objects need only the fields asked for, anything else must be equal. */
function contains(actual, wanted) {
  if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted)) {
    return actual !== null && typeof actual === 'object' && !Array.isArray(actual)
      && Object.entries(wanted).every(([k, v]) => k in actual && contains(actual[k], v));
  }
  return isDeepStrictEqual(actual, wanted);
}

function safeTest(criterion, e) {
  try {
    return criterion.test(e);
  } catch {
    return false;
  }
}

function requireString(value, what) {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${what} must be a non-empty string; got ${shown(value)}`);
  }
}

function quote(s) {
  return s == null ? 'null' : `"${s}"`;
}

function abbreviate(s) {
  return s === undefined ? 'undefined' : s.length <= 80 ? s : `${s.slice(0, 77)}...`;
}

module.exports = { canonicalType, compile, eventLine, errorWords, KNOWN_TYPES };
