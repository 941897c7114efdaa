'use strict';
// The HTTP both clients share: JSON calls that turn an error answer into an Error carrying its
// JSON, and a reader for the receiver's Server-Sent Events.

/** An error answer from syncwire: `status`, `error`, `field`, `rule`, `received`, `errors` and the whole `body`. */
class SyncwireError extends Error {
  constructor(message, { status, body } = {}) {
    super(message);
    this.name = 'SyncwireError';
    this.status = status;
    this.body = body;
    if (body && typeof body === 'object') {
      const first = Array.isArray(body.errors) && body.errors.length ? body.errors[0] : {};
      this.error = body.error;
      this.field = body.field ?? first.field;
      this.rule = first.rule;
      this.received = first.received;
      this.errors = body.errors;
    }
  }
}

/**
 * Sends a JSON request; resolves with the parsed answer (undefined for 204), or rejects with a
 * SyncwireError whose message is the server's own sentence.
 */
async function requestJson(url, { method = 'GET', body, token, what } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const label = what || `${method} ${new URL(url).pathname}`;
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    const cause = e.cause?.code || e.cause?.message || e.message;
    throw new SyncwireError(`${label} failed: ${cause}; is syncwire still running at ${new URL(url).origin}?`);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const said = json && typeof json.message === 'string' ? json.message : text.slice(0, 300) || res.statusText;
    throw new SyncwireError(`${label} answered ${res.status}: ${said}`, { status: res.status, body: json ?? text });
  }
  return json;
}

/** Parses a text/event-stream body into the JSON of each `event: sync` frame. */
async function* sseEvents(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
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

module.exports = { SyncwireError, requestJson, sseEvents };
