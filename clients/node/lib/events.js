'use strict';
// The webhooks the receiver recorded, read over its query API (/api/events) and awaited over its
// live stream (/api/events/stream, Server-Sent Events): no polling, no sleeps.
const { AssertionError } = require('node:assert');
const { compile, eventLine, errorWords } = require('./event-filter');
const { toMillis, shown } = require('./duration');
const { requestJson, sseEvents, SyncwireError } = require('./http');

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_DURING_MS = 1000;
const MAX_LISTED = 20;

class Events {
  /** @param {string} receiverUrl the receiver's base, e.g. http://127.0.0.1:8080 */
  constructor(receiverUrl) {
    this.receiverUrl = receiverUrl;
  }

  /**
   * The first event matching `filter` after `since` (an event id or event; default: every event the
   * receiver holds). Rejects with an AssertionError after `timeout` naming what was awaited and what
   * arrived, closest match first; at once when a matching webhook was rejected by the receiver.
   */
  async await(filter, { timeout = DEFAULT_TIMEOUT_MS, since } = {}) {
    const f = compile(filter, 'events.await(filter)');
    const limit = toMillis(timeout, 'events.await timeout');
    const after = sinceId(since, 'events.await since');
    const outcome = await this.#watch(f, after, limit, (e) => {
      if (f.matches(e)) return { event: e };
      if (f.rejectedMatch(e)) return { rejected: e };
      return null;
    });
    if (outcome.event) return outcome.event;
    const expected = `Expected ${f.words()}`;
    if (outcome.rejected) throw new AssertionError({ message: rejectedWords(expected, outcome.rejected) });
    throw new AssertionError({
      message: `${expected} within ${limit} ms, but none arrived.\n${await this.#arrivals(f, after, new Set())}`,
    });
  }

  /** `n` events matching `filter`, oldest first; fails as await() does, saying how many arrived. */
  async awaitCount(filter, n, { timeout = DEFAULT_TIMEOUT_MS, since } = {}) {
    const f = compile(filter, 'events.awaitCount(filter)');
    if (!Number.isInteger(n) || n < 1) {
      throw new TypeError(`events.awaitCount(filter, n): n must be a whole number, 1 or more; got ${shown(n)}`);
    }
    const limit = toMillis(timeout, 'events.awaitCount timeout');
    const after = sinceId(since, 'events.awaitCount since');
    const found = [];
    const outcome = await this.#watch(f, after, limit, (e) => {
      if (f.matches(e)) {
        found.push(e);
        return found.length === n ? { events: found } : null;
      }
      return f.rejectedMatch(e) ? { rejected: e } : null;
    });
    if (outcome.events) return outcome.events;
    const expected = `Expected ${n} events, each ${f.words()},`;
    if (outcome.rejected) throw new AssertionError({ message: rejectedWords(expected.slice(0, -1), outcome.rejected) });
    const got = found.length === 0 ? 'none arrived' : `${found.length} arrived (${found.map((e) => `#${e.id}`).join(', ')})`;
    throw new AssertionError({
      message: `${expected} within ${limit} ms, but ${got}.\n${await this.#arrivals(f, after, new Set(found.map((e) => e.id)))}`,
    });
  }

  /**
   * Resolves once `during` passed with no event matching `filter` (after `since`; default every
   * event held); rejects the moment one arrives.
   */
  async assertNone(filter, { during = DEFAULT_DURING_MS, since } = {}) {
    const f = compile(filter, 'events.assertNone(filter)');
    const window = toMillis(during, 'events.assertNone during');
    const after = sinceId(since, 'events.assertNone since');
    const began = Date.now();
    const outcome = await this.#watch(f, after, window, (e) => (f.matches(e) ? { event: e } : null));
    if (!outcome.event) return;
    const words = f.words();
    const none = words.startsWith('an event') ? `event${words.slice(8)}` : words.replace(/^an? /, '');
    throw new AssertionError({
      message: `Expected no ${none} during ${window} ms, but one arrived after ${Date.now() - began} ms:\n`
        + `  ${eventLine(outcome.event)} data=${abbreviate(JSON.stringify(outcome.event.data))}`,
    });
  }

  /** Events held matching `filter` (after `since`), oldest first. */
  async list(filter = {}, { since } = {}) {
    const f = compile(filter, 'events.list(filter)');
    const events = await this.#query({ ...f.query, since: String(sinceId(since, 'events.list since')) });
    return events.filter((e) => f.matches(e));
  }

  /** Forgets every event the receiver holds (DELETE /api/events); resolves with how many. */
  async clear() {
    const answer = await requestJson(`${this.receiverUrl}/api/events`, { method: 'DELETE' });
    return answer?.cleared;
  }

  /** GET /api/events, oldest first. */
  async #query(params) {
    // Everything held: the receiver caps `limit` at its in-memory cap, which /health tells.
    this.cap ??= (await requestJson(`${this.receiverUrl}/health`)).cap;
    const query = new URLSearchParams({ limit: String(this.cap), ...params });
    const answer = await requestJson(`${this.receiverUrl}/api/events?${query}`);
    return answer.events.slice().reverse();
  }

  /**
   * Streams events after `after` (the receiver's filters narrowing them) into `decide` until it
   * returns an outcome, or `limitMs` passes ({ timedOut: true }).
   */
  async #watch(f, after, limitMs, decide) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limitMs);
    const seen = new Set();
    try {
      const query = new URLSearchParams({ ...f.query, since: String(after) });
      const res = await fetch(`${this.receiverUrl}/api/events/stream?${query}`, {
        headers: { Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!res.ok) {
        throw new SyncwireError(`GET /api/events/stream answered ${res.status}: ${await res.text()}`, { status: res.status });
      }
      for await (const event of sseEvents(res.body)) {
        if (seen.has(event.id) || event.id <= after) continue; // replay and live can overlap by one event
        seen.add(event.id);
        let outcome;
        try {
          outcome = decide(event);
        } catch (e) {
          throw new Error(`a filter's where(event) threw on ${eventLine(event)}: ${e.message}; return false instead`, { cause: e });
        }
        if (outcome) return outcome;
      }
      throw new SyncwireError(`the receiver at ${this.receiverUrl} closed /api/events/stream; did syncwire stop?`);
    } catch (e) {
      if (timedOut) return { timedOut: true };
      if (e instanceof TypeError && e.message === 'fetch failed') {
        throw new SyncwireError(`GET /api/events/stream failed: ${e.cause?.code || e.cause?.message}; is syncwire still running at ${this.receiverUrl}?`);
      }
      throw e;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  /** `Received 3 events after #12; closest match first:` and one line per event, with what did not match. */
  async #arrivals(f, after, matched) {
    let events;
    try {
      events = await this.#query({ since: String(after) });
    } catch (e) {
      return `(could not list what arrived: ${e.message})`;
    }
    const scope = after === 0 ? 'that the receiver holds' : `after #${after}`;
    if (events.length === 0) {
      return `No events arrived ${scope === 'that the receiver holds' ? 'at the receiver' : scope}. Do webhooks go to ${this.receiverUrl}/webhooks?`;
    }
    const lines = events.map((e) => ({ e, score: matched.has(e.id) ? Infinity : f.score(e) }))
      .sort((a, b) => b.score - a.score || a.e.id - b.e.id);
    const out = [`Received ${events.length} event${events.length === 1 ? '' : 's'} ${scope}; closest match first:`];
    for (const [i, { e }] of lines.entries()) {
      if (i === MAX_LISTED) {
        out.push(`  ... and ${lines.length - i} more`);
        break;
      }
      const misses = matched.has(e.id) ? [] : f.mismatches(e);
      out.push(`  ${eventLine(e)}: ${misses.length ? misses.join(', ') : 'matches'}`);
    }
    return out.join('\n');
  }
}

function rejectedWords(expected, e) {
  const errors = e.errors || [];
  return [`${expected}: a matching webhook arrived but was rejected${errors.length ? `: ${errorWords(errors[0])}` : ''}`,
    `  ${eventLine(e)}`,
    ...errors.slice(1).map((v) => `  also: ${errorWords(v)}`),
    'Rejected webhooks never satisfy an await, so this one ends now. Fix the cause above, or count rejected'
      + " webhooks as matches with status: ['accepted', 'rejected']."].join('\n');
}

function sinceId(since, what) {
  if (since === undefined || since === null) return 0;
  const id = typeof since === 'object' ? since.id : since;
  if (!Number.isInteger(id) || id < 0) {
    throw new TypeError(`${what} must be an event id (a whole number, 0 or more) or an event; got ${shown(since)}`);
  }
  return id;
}

function abbreviate(s) {
  return s === undefined ? 'undefined' : s.length <= 80 ? s : `${s.slice(0, 77)}...`;
}

module.exports = { Events };
