'use strict';
// The Sync fake's control API (`$SYNCWIRE_CONTROL_URL`, i.e. <fake>/__syncwire) as JS calls:
// clock, faults, webhook faults, deliveries, snapshot/restore, idle and reset. Bad arguments
// throw at the call, before any request; answers the API refuses reject with a SyncwireError.
const { toIso, shown } = require('./duration');
const { requestJson } = require('./http');

class Fake {
  /**
   * @param {string} controlUrl e.g. http://127.0.0.1:4010/__syncwire
   * @param {{ token?: string, events?: import('./events').Events }} options the control token; the
   *   receiver's events, which reset() clears too
   */
  constructor(controlUrl, { token, events } = {}) {
    this.controlUrl = controlUrl.replace(/\/+$/, '');
    this.token = token || undefined;
    this.events = events;
    const call = (method, path, body) => this.#call(method, path, body);

    this.clock = {
      /** The fake's time, as a Date. */
      now: async () => new Date((await call('GET', '/clock')).now),
      /** `manual` or `system`. */
      mode: async () => (await call('GET', '/clock')).mode,
      /**
       * Moves a manual clock forward; resolves once the webhooks of what expired were delivered,
       * with `{ now, mode, expired }`.
       */
      advance: (d) => call('POST', '/clock', { advance: toIso(d, 'fake.clock.advance(d)') }).then(clockAnswer),
      /** Sets a manual clock to a later instant (an ISO-8601 string or a Date). */
      set: (when) => call('POST', '/clock', { set: instant(when, 'fake.clock.set(when)') }).then(clockAnswer),
    };

    this.faults = {
      /**
       * Fails matching Sync requests: `{ method, path (a regex of the whole path), status, code, delay, times }`.
       * Resolves with the rule as armed (with its `id`).
       */
      add: (rule) => call('POST', '/faults', faultRule(rule)),
      list: async () => (await call('GET', '/faults')).faults,
      /** Removes every rule; resolves with how many. */
      clear: async () => (await call('DELETE', '/faults')).cleared,
      remove: (id) => {
        if (typeof id !== 'string' || !id) throw new TypeError(`fake.faults.remove(id): id must be a fault's id such as "f1"; got ${shown(id)}`);
        return call('DELETE', `/faults/${encodeURIComponent(id)}`).then(() => undefined);
      },
    };

    const arm = (fault, n, extra, min, what) => {
      if (!Number.isInteger(n) || n < min) {
        throw new TypeError(`fake.webhookFaults.${what}(n): n must be a whole number, ${min} or more; got ${shown(n)}`);
      }
      return call('POST', '/webhook-faults', { fault, next: n, ...extra });
    };
    this.webhookFaults = {
      /** The next `n` webhooks are never sent. */
      dropNext: (n = 1) => arm('drop', n, {}, 1, 'dropNext'),
      /** The next `n` webhooks are sent `d` late (ms or '2s', 'PT2S'). */
      delayNext: (n, d) => arm('delay', n, { delay: toIso(d, 'fake.webhookFaults.delayNext(n, d): d') }, 1, 'delayNext'),
      /** The next `n` webhooks are sent twice. */
      duplicateNext: (n = 1) => arm('duplicate', n, {}, 1, 'duplicateNext'),
      /** The next `n` webhooks are held, then sent in reverse order. */
      reorderNext: (n = 2) => arm('reorder', n, {}, 2, 'reorderNext'),
      list: async () => (await call('GET', '/webhook-faults')).webhookFaults,
      /** Disarms every webhook fault (held reorders are released); resolves with how many. */
      clear: async () => (await call('DELETE', '/webhook-faults')).cleared,
    };
  }

  /** Every webhook the fake sent, oldest first; filter `{ type, outcome, since, limit }`. */
  deliveries(filter = {}) {
    const allowed = ['type', 'outcome', 'since', 'limit'];
    if (filter === null || typeof filter !== 'object') {
      throw new TypeError(`fake.deliveries(filter): filter must be an object with ${allowed.join(', ')}; got ${shown(filter)}`);
    }
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filter)) {
      if (!allowed.includes(name)) {
        throw new TypeError(`fake.deliveries(filter) has an unknown field ${JSON.stringify(name)}; use ${allowed.join(', ')}`);
      }
      if (value !== undefined) query.set(name, String(value));
    }
    const q = query.toString();
    return this.#call('GET', `/deliveries${q ? `?${q}` : ''}`).then((answer) => answer.deliveries);
  }

  /** The whole state as JSON (`{ format: 'syncwire-snapshot/1', now, ... }`). */
  snapshot() {
    return this.#call('GET', '/snapshot');
  }

  /** Takes back a snapshot(); resolves with `{ restored, services, now }`. */
  restore(snapshot) {
    if (snapshot === null || typeof snapshot !== 'object') {
      throw new TypeError(`fake.restore(snapshot): snapshot must be what fake.snapshot() resolved with; got ${shown(snapshot)}`);
    }
    return this.#call('POST', '/restore', snapshot);
  }

  /** Resolves once no webhook is queued or in flight; rejects after `timeout` (default 5 s) with `pending`. */
  idle({ timeout = 5000 } = {}) {
    return this.#call('GET', `/idle?timeout=${toIso(timeout, 'fake.idle({ timeout })')}`).then(() => undefined);
  }

  /** A clean start: the fake forgets all Sync state, faults and deliveries, the receiver every event. */
  async reset() {
    await this.#call('POST', '/reset');
    if (this.events) await this.events.clear();
  }

  #call(method, path, body) {
    const what = `${method} /__syncwire${path.replace(/\?.*$/, '')}`;
    return requestJson(`${this.controlUrl}${path}`, { method, body, token: this.token, what });
  }
}

function clockAnswer(answer) {
  return { ...answer, now: new Date(answer.now) };
}

function instant(when, what) {
  const date = when instanceof Date ? when : typeof when === 'string' ? new Date(when) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new TypeError(`${what}: when must be a Date or an ISO-8601 instant such as '2026-06-01T12:00:00Z'; got ${shown(when)}`);
  }
  return date.toISOString();
}

// The control API takes ISO durations; let a rule say delay: 2000 or '2s' as everywhere else here.
function faultRule(rule) {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw new TypeError(`fake.faults.add(rule): rule must be an object such as { method: 'GET', path: '/v1/Services/.*', status: 429, times: 1 }; got ${shown(rule)}`);
  }
  if (rule.delay === undefined) return rule;
  return { ...rule, delay: toIso(rule.delay, 'fake.faults.add(rule): rule.delay') };
}

module.exports = { Fake };
