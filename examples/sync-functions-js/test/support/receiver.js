'use strict';
// Reads the webhooks `syncwire up`'s receiver recorded: GET /api/events and the SSE stream /api/events/stream.

const DEFAULT_TIMEOUT_MS = 5000;

class Receiver {
  constructor(baseUrl = process.env.SYNCWIRE_RECEIVER_URL, fakeUrl = process.env.SYNCWIRE_SYNC_BASE_URL) {
    this.baseUrl = baseUrl;
    this.fakeUrl = fakeUrl;
  }

  /** Fresh state: the fake forgets every Sync object (its default service stays), the receiver every event. */
  async reset() {
    await expectOk(await fetch(`${this.fakeUrl}/__syncwire/reset`, { method: 'POST' }), 'POST /__syncwire/reset');
    await expectOk(await fetch(`${this.baseUrl}/api/events`, { method: 'DELETE' }), 'DELETE /api/events');
  }

  /** GET /api/events with filters (type, object, key, index, status, since, limit): newest first. */
  async events(filter = {}) {
    const res = await fetch(`${this.baseUrl}/api/events?${new URLSearchParams(filter)}`);
    await expectOk(res, 'GET /api/events');
    return (await res.json()).events;
  }

  /**
   * Resolves with the first recorded event matching `filter` (the query API's filters) and
   * `where(event)`, reading /api/events/stream from `since` (default: everything held, which after
   * reset() is this test's events). No sleeps: it returns the moment the event is recorded, and
   * throws after timeoutMs naming what it waited for and listing what did arrive.
   */
  async awaitEvent(filter, { where = () => true, since = 0, timeoutMs = DEFAULT_TIMEOUT_MS, alias } = {}) {
    const query = new URLSearchParams({ ...filter, since: String(since) });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const seen = new Set();
    try {
      const res = await fetch(`${this.baseUrl}/api/events/stream?${query}`, {
        headers: { Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      await expectOk(res, 'GET /api/events/stream');
      for await (const event of sseEvents(res.body)) {
        if (seen.has(event.id)) continue; // replay and live can overlap by one event
        seen.add(event.id);
        if (where(event)) return event;
      }
      throw new Error('the receiver closed /api/events/stream');
    } catch (e) {
      if (!controller.signal.aborted) throw e;
      throw new Error(await this.describeTimeout(filter, where, timeoutMs, alias));
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  /** Waits for `count` matching events; resolves with them oldest first. */
  async awaitEvents(filter, count, options = {}) {
    const found = [];
    let since = options.since ?? 0;
    while (found.length < count) {
      const event = await this.awaitEvent(filter, { ...options, since,
        alias: `${options.alias || describe(filter)} (${found.length + 1} of ${count})` });
      found.push(event);
      since = event.id;
    }
    return found;
  }

  async describeTimeout(filter, where, timeoutMs, alias) {
    const wanted = alias || describe(filter);
    let arrived;
    try {
      arrived = (await this.events({ limit: 50 })).reverse();
    } catch (e) {
      arrived = null;
    }
    const list = arrived === null ? '  (could not read /api/events)'
      : arrived.length === 0 ? '  (none)'
        : arrived.map((e) => `  #${e.id} ${line(e)}${where(e) && matches(filter, e) ? '  <- matches now' : ''}`).join('\n');
    return `expected a webhook ${wanted} within ${timeoutMs} ms; what arrived since the reset:\n${list}`;
  }
}

function describe(filter) {
  return Object.entries(filter).map(([k, v]) => `${k}=${v}`).join(' ') || '(any)';
}

function line(e) {
  const item = e.itemKey ?? e.itemIndex;
  return `${e.eventType} ${e.objectName ?? e.objectSid}${item != null ? `/${item}` : ''} ${e.status} data=${JSON.stringify(e.data)}`;
}

function matches(filter, e) {
  return (!filter.type || e.eventType === filter.type || e.canonicalType === filter.type)
    && (!filter.object || e.objectName === filter.object || e.objectSid === filter.object)
    && (!filter.key || e.itemKey === filter.key);
}

// Parses a text/event-stream body into the JSON of each `event: sync` frame.
async function* sseEvents(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const l of frame.split('\n')) {
        if (l.startsWith('event:')) type = l.slice(6).trim();
        else if (l.startsWith('data:')) data.push(l.slice(5).replace(/^ /, ''));
      }
      if (type === 'sync' && data.length) yield JSON.parse(data.join('\n'));
    }
  }
}

async function expectOk(res, what) {
  if (!res.ok) {
    throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  }
}

module.exports = { Receiver };
