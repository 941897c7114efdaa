// syncwire inspector: plain JS, no build step. Every piece of event or state data reaches the page
// through textContent or a form field's value, never as HTML; the CSP forbids inline script anyway.
'use strict';

(function () {
  const MAX_SHOWN = 2000; // rows kept in the table; older events stay in the receiver's query API
  // The seed document's names that differ from Twilio's: a filter by either finds both, as the query API does.
  const SEED_NAMES = { map_item_created: 'map_item_added', list_item_created: 'list_item_added' };
  const DATA_PARAMS = ['Data', 'ItemData', 'DocumentData', 'ListItemData', 'MapItemData', 'MessageData'];

  const events = new Map(); // id -> event JSON as /api/events gives it
  let config = { forwardTo: null, signing: false, webhookUrl: null, state: false };
  let selectedId = null;
  let paused = false;
  let pending = []; // events that arrived while paused
  let source = null;
  let lastId = 0;
  let stateTimer = null;

  const $ = (id) => document.querySelector('[data-testid="' + id + '"]');

  // ---- small DOM builders: text only ------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function badge(text, kind) { return el('span', 'badge ' + (kind || ''), text); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function pretty(value) {
    if (value === undefined) return '';
    try { return JSON.stringify(value, null, 2); } catch (e) { return String(value); }
  }
  function notice(text, isError) {
    const n = $('notice');
    n.textContent = text;
    n.classList.toggle('error', !!isError);
    n.hidden = !text;
  }

  async function api(method, path, body, contentType) {
    const init = { method: method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.body = body;
      init.headers['Content-Type'] = contentType || 'application/json';
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { /* not JSON: reported below */ }
    if (!response.ok) {
      const message = json && json.message ? json.message : (response.status + ' ' + response.statusText + ' ' + text);
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  // ---- one event, as words ----------------------------------------------------------------------
  function typeOf(e) { return e.canonicalType || e.eventType || '(no EventType)'; }
  function objectOf(e) { return e.objectName || e.objectSid || ''; }
  function keyOf(e) {
    if (e.itemKey !== null && e.itemKey !== undefined) return e.itemKey;
    if (e.itemIndex !== null && e.itemIndex !== undefined) return '#' + e.itemIndex;
    return '';
  }
  function timeOf(e) {
    const d = new Date(e.receivedAt);
    if (isNaN(d)) return e.receivedAt || '';
    const pad = (n, w) => String(n).padStart(w || 2, '0');
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  }
  function statusKind(s) { return s === 'accepted' ? 'ok' : s === 'rejected' ? 'bad' : 'warn'; }
  function signatureKind(s) { return s === 'valid' ? 'ok' : s === 'invalid' ? 'bad' : ''; }
  function forwardText(f) {
    if (!f) return '';
    const replay = f.replay ? 'replay ' : '';
    if (f.status === null || f.status === undefined) return replay + '-> ' + (f.error || 'no answer');
    return replay + '-> ' + f.status + ' ' + (f.latencyMs !== null && f.latencyMs !== undefined ? f.latencyMs + ' ms' : '');
  }
  function forwardKind(f) {
    if (!f) return '';
    return f.status !== null && f.status !== undefined && f.status >= 200 && f.status < 300 ? 'ok' : 'bad';
  }
  function dataParamOf(e) {
    const params = e.params || {};
    for (const name of DATA_PARAMS) if (Object.prototype.hasOwnProperty.call(params, name)) return name;
    for (const name of Object.keys(params)) if (/Data$/.test(name)) return name;
    return 'Data';
  }

  // ---- filters ----------------------------------------------------------------------------------
  function filterValues() {
    const form = $('filters');
    return {
      q: form.q.value.trim().toLowerCase(),
      type: form.type.value.trim().toLowerCase(),
      object: form.object.value.trim().toLowerCase(),
      key: form.key.value.trim().toLowerCase(),
      status: form.status.value,
    };
  }
  function matches(e, f) {
    if (f.status && e.status !== f.status) return false;
    if (f.type) {
      const real = SEED_NAMES[f.type] || f.type;
      if (![e.eventType, e.canonicalType].some((t) => t && (t.toLowerCase().includes(f.type) || t.toLowerCase().includes(real)))) return false;
    }
    if (f.object && ![e.objectName, e.objectSid].some((o) => o && o.toLowerCase().includes(f.object))) return false;
    if (f.key) {
      const key = f.key.replace(/^#/, '');
      const hit = (e.itemKey && e.itemKey.toLowerCase().includes(key))
        || (e.itemIndex !== null && e.itemIndex !== undefined && String(e.itemIndex) === key);
      if (!hit) return false;
    }
    if (f.q) {
      if (e._text === undefined) e._text = JSON.stringify(e).toLowerCase();
      if (!e._text.includes(f.q)) return false;
    }
    return true;
  }
  function shownEvents() {
    const f = filterValues();
    return [...events.values()].filter((e) => matches(e, f)).sort((a, b) => b.id - a.id);
  }
  function saveFiltersInUrl() {
    const f = new FormData($('filters'));
    const query = new URLSearchParams();
    for (const [name, value] of f.entries()) if (value) query.set(name, value);
    const search = query.toString();
    history.replaceState(null, '', search ? '?' + search : location.pathname);
  }
  function loadFiltersFromUrl() {
    const query = new URLSearchParams(location.search);
    const form = $('filters');
    for (const name of ['q', 'type', 'object', 'key', 'status']) if (query.has(name)) form[name].value = query.get(name);
  }

  // ---- the table --------------------------------------------------------------------------------
  function row(e, fresh) {
    const tr = el('tr', fresh ? 'fresh' : '');
    tr.dataset.testid = 'event-row';
    tr.dataset.id = String(e.id);
    if (e.id === selectedId) tr.classList.add('selected');
    tr.appendChild(el('td', 'time', timeOf(e))).title = e.receivedAt || '';
    tr.appendChild(el('td', 'id', e.id));
    const type = el('td', 'type');
    type.appendChild(el('span', 'type-name', typeOf(e))).dataset.testid = 'row-type';
    if (e.eventType && e.canonicalType && e.eventType !== e.canonicalType) {
      type.appendChild(el('span', 'arrived-as', 'as ' + e.eventType)).dataset.testid = 'row-arrived-as';
    }
    tr.appendChild(type);
    const object = tr.appendChild(el('td', 'object', objectOf(e)));
    object.dataset.testid = 'row-object';
    object.title = [e.objectName, e.objectSid].filter(Boolean).join('  ');
    tr.appendChild(el('td', 'key', keyOf(e))).dataset.testid = 'row-key';
    const sig = el('td');
    sig.appendChild(badge(e.signature || '', signatureKind(e.signature)));
    tr.appendChild(sig);
    const status = el('td');
    status.dataset.testid = 'row-status';
    status.appendChild(badge(e.status || '', statusKind(e.status)));
    tr.appendChild(status);
    const fwd = el('td');
    fwd.dataset.testid = 'row-forward';
    const last = (e.forwards || [])[e.forwards ? e.forwards.length - 1 : 0];
    if (last) {
      const b = fwd.appendChild(badge(forwardText(last), forwardKind(last)));
      b.title = last.url || '';
    }
    tr.appendChild(fwd);
    tr.tabIndex = 0; // rows open from the keyboard too: Tab to one, Enter
    tr.addEventListener('click', () => select(e.id));
    tr.addEventListener('keydown', (k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); select(e.id); } });
    return tr;
  }

  function render() {
    const shown = shownEvents();
    const body = $('event-rows');
    clear(body);
    const fragment = document.createDocumentFragment();
    for (const e of shown.slice(0, MAX_SHOWN)) fragment.appendChild(row(e, false));
    body.appendChild(fragment);
    renderCount(shown.length);
  }

  function renderCount(shown) {
    const total = events.size;
    $('count').textContent = shown === total ? total + ' events' : shown + ' of ' + total + ' events';
    $('empty').hidden = total > 0;
  }

  /** Puts a live event on top (or in its place) without redrawing the table. */
  function upsertRow(e, fresh) {
    const body = $('event-rows');
    const old = body.querySelector('tr[data-id="' + e.id + '"]');
    const f = filterValues();
    if (!matches(e, f)) {
      if (old) old.remove();
    } else if (old) {
      body.replaceChild(row(e, false), old);
    } else {
      const next = [...body.children].find((tr) => Number(tr.dataset.id) < e.id);
      body.insertBefore(row(e, fresh), next || null);
      while (body.children.length > MAX_SHOWN) body.lastChild.remove();
    }
    renderCount(shownEvents().length);
  }

  function addTypeOption(e) {
    const list = document.getElementById('event-types');
    for (const name of [e.canonicalType, e.eventType]) {
      if (!name || [...list.options].some((o) => o.value === name)) continue;
      const option = document.createElement('option');
      option.value = name;
      list.appendChild(option);
    }
  }

  function receive(e) {
    if (typeof e.id !== 'number') return;
    const known = events.has(e.id);
    events.set(e.id, e);
    lastId = Math.max(lastId, e.id);
    addTypeOption(e);
    upsertRow(e, !known);
    if (e.id === selectedId) renderDetail();
    scheduleStateRefresh();
  }

  function receiveForward(frame) {
    const e = events.get(frame.eventId);
    if (!e || !frame.forward) return;
    const f = frame.forward;
    // A replay's entry comes twice, as the API's answer and as a stream frame, in either order: keep one.
    if ((e.forwards || []).some((x) => x.at === f.at && x.url === f.url && x.status === f.status && x.replay === f.replay)) return;
    e.forwards = (e.forwards || []).concat([f]);
    delete e._text;
    upsertRow(e, false);
    if (e.id === selectedId) renderDetail();
  }

  // ---- live stream ------------------------------------------------------------------------------
  function connect() {
    if (source) source.close();
    setConnection('connecting');
    source = new EventSource('/api/events/stream?since=' + lastId);
    source.addEventListener('open', () => setConnection(paused ? 'paused' : 'live'));
    source.addEventListener('error', () => setConnection(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting'));
    source.addEventListener('sync', (message) => {
      const e = JSON.parse(message.data);
      if (paused) {
        pending.push(e);
        $('pause').textContent = 'Resume (' + pending.length + ' new)';
      } else {
        receive(e);
      }
    });
    source.addEventListener('forward', (message) => {
      const frame = JSON.parse(message.data);
      if (paused) pending.push({ forwardFrame: frame });
      else receiveForward(frame);
    });
  }

  function setConnection(state) {
    const c = $('connection');
    c.dataset.state = paused ? 'paused' : state;
    c.querySelector('.conn-text').textContent = paused ? 'paused' : state === 'live' ? 'live' : state;
  }

  function togglePause() {
    paused = !paused;
    const button = $('pause');
    button.setAttribute('aria-pressed', String(paused));
    if (!paused) {
      const queued = pending;
      pending = [];
      for (const item of queued) {
        if (item.forwardFrame) receiveForward(item.forwardFrame);
        else receive(item);
      }
      button.textContent = 'Pause';
      setConnection(source && source.readyState === EventSource.OPEN ? 'live' : 'connecting');
    } else {
      button.textContent = 'Resume';
      setConnection('paused');
    }
  }

  // ---- detail pane ------------------------------------------------------------------------------
  function select(id) {
    selectedId = id;
    for (const tr of $('event-rows').children) tr.classList.toggle('selected', Number(tr.dataset.id) === id);
    $('editor').hidden = true;
    $('replay-result').hidden = true;
    $('curl').hidden = true;
    renderDetail();
  }

  function section(title, testid, content) {
    const s = el('div', 'section');
    s.dataset.testid = testid;
    s.appendChild(el('h3', '', title));
    s.appendChild(content);
    return s;
  }

  function table(object) {
    const t = el('table', 'kv');
    for (const [name, value] of Object.entries(object || {})) {
      const tr = t.appendChild(el('tr'));
      tr.appendChild(el('td', '', name));
      tr.appendChild(el('td', '', Array.isArray(value) ? value.join('\n') : value));
    }
    return t;
  }

  function renderDetail() {
    const pane = $('detail');
    const e = events.get(selectedId);
    if (!e) {
      pane.hidden = true;
      return;
    }
    pane.hidden = false;
    $('detail-title').textContent = typeOf(e) + (e.eventType && e.eventType !== e.canonicalType ? '  (as ' + e.eventType + ')' : '');
    $('detail-sub').textContent = '#' + e.id + '  ·  ' + (e.receivedAt || '') + '  ·  ' + (e.status || '')
      + '  ·  signature ' + (e.signature || '');
    const url = $('replay-url');
    if (!url.value && config.forwardTo) url.value = config.forwardTo;
    const body = $('detail-body');
    clear(body);

    const summary = {
      object: [e.objectType, e.objectName, e.objectSid].filter(Boolean).join('  '),
      'key / index': keyOf(e),
      revision: e.revision,
      identity: e.identity,
      'service': e.serviceSid,
      'account': e.accountSid,
      'signed URL': e.signatureUrl,
      'duplicate of': e.duplicateOf === null || e.duplicateOf === undefined ? null : '#' + e.duplicateOf,
    };
    for (const k of Object.keys(summary)) if (summary[k] === null || summary[k] === undefined || summary[k] === '') delete summary[k];
    body.appendChild(section('Summary', 'detail-summary', table(summary)));

    if (e.errors && e.errors.length) {
      const list = el('ul', 'err-list');
      for (const v of e.errors) {
        const li = list.appendChild(el('li'));
        li.appendChild(el('span', '', v.message || ''));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', 'rule', [v.field, v.rule].filter(Boolean).join(' · ')));
      }
      body.appendChild(section('Validation errors', 'detail-errors', list));
    }

    body.appendChild(section('Data', 'detail-data', el('pre', '', e.data === undefined || e.data === null ? 'null' : pretty(e.data))));

    const forwards = el('div');
    if (!e.forwards || !e.forwards.length) {
      forwards.appendChild(el('div', 'muted', config.forwardTo ? 'not forwarded yet' : 'not forwarded (start with --forward-to URL, or replay to a URL above)'));
    }
    for (const f of (e.forwards || []).slice().reverse()) {
      const box = forwards.appendChild(el('div', 'fwd'));
      box.dataset.testid = 'detail-forward';
      const line = box.appendChild(el('div', 'line'));
      line.appendChild(badge(f.status !== null && f.status !== undefined ? String(f.status) : 'error', forwardKind(f)));
      if (f.replay) line.appendChild(badge('replay', 'info'));
      if (f.signed === false) line.appendChild(badge('unsigned', 'warn'));
      if (f.latencyMs !== null && f.latencyMs !== undefined) line.appendChild(el('span', 'muted', f.latencyMs + ' ms'));
      line.appendChild(el('span', 'muted', f.at || ''));
      box.appendChild(el('div', 'url', f.url || ''));
      if (f.error) box.appendChild(el('div', 'error-text', f.error));
      if (f.responseBody) box.appendChild(el('pre', '', f.responseBody));
    }
    body.appendChild(section('Forward attempts', 'detail-forwards', forwards));
    body.appendChild(section('Params', 'detail-params', table(e.params)));
    body.appendChild(section('Headers', 'detail-headers', table(e.headers)));
    const request = { method: e.method, path: e.path, 'content type': e.contentType, dialect: e.dialect };
    body.appendChild(section('Request', 'detail-request', table(request)));
  }

  // ---- replay, edit and replay, curl ------------------------------------------------------------
  async function replay(body) {
    const e = events.get(selectedId);
    if (!e) return;
    const url = $('replay-url').value.trim();
    if (url) body.url = url;
    const result = $('replay-result');
    result.hidden = false;
    result.className = 'replay-result';
    result.textContent = 'sending #' + e.id + (url ? ' to ' + url : ' to the forward target') + '…';
    try {
      const f = await api('POST', '/api/events/' + e.id + '/replay', JSON.stringify(body));
      result.className = 'replay-result ' + forwardKind(f);
      result.textContent = forwardText(f) + '  ' + (f.url || '') + (f.responseBody ? '\n' + f.responseBody : '');
      receiveForward({ eventId: e.id, forward: f }); // shown at once, even while paused; the stream's copy is dropped
    } catch (error) {
      result.className = 'replay-result bad';
      result.textContent = 'replay failed: ' + error.message;
    }
    result.dataset.testid = 'replay-result';
  }

  function openEditor() {
    const e = events.get(selectedId);
    if (!e) return;
    const dataName = dataParamOf(e);
    const params = Object.assign({}, e.params || {});
    delete params[dataName];
    $('data-param-name').textContent = dataName;
    $('edit-data').value = pretty(e.data === undefined ? null : e.data);
    $('edit-params').value = pretty(params);
    $('edit-error').textContent = '';
    $('editor').hidden = false;
  }

  function sendEdited() {
    const e = events.get(selectedId);
    if (!e) return;
    const error = $('edit-error');
    let data;
    let params;
    try { data = JSON.parse($('edit-data').value); } catch (x) { error.textContent = 'Data is not JSON: ' + x.message; return; }
    try { params = JSON.parse($('edit-params').value); } catch (x) { error.textContent = 'Params is not JSON: ' + x.message; return; }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) { error.textContent = 'Params must be a JSON object'; return; }
    error.textContent = '';
    const original = Object.assign({}, e.params || {});
    delete original[dataParamOf(e)];
    const changes = {};
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && typeof value === 'object') { error.textContent = 'Params: give ' + name + ' one text value'; return; }
      const text = value === null ? null : String(value);
      if (JSON.stringify(original[name]) !== JSON.stringify(text)) changes[name] = text;
    }
    for (const name of Object.keys(original)) if (!Object.prototype.hasOwnProperty.call(params, name)) changes[name] = null;
    const body = {};
    if (Object.keys(changes).length) body.params = changes;
    if (JSON.stringify(data) !== JSON.stringify(e.data === undefined ? null : e.data)) body.data = data;
    replay(body);
  }

  function shellQuote(s) { return "'" + String(s).replace(/'/g, "'\\''") + "'"; }

  function formBody(e) {
    if (e.body) {
      try { return new TextDecoder().decode(Uint8Array.from(atob(e.body), (c) => c.charCodeAt(0))); } catch (x) { /* fall through */ }
    }
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(e.params || {})) {
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, v === null ? '' : String(v));
    }
    return form.toString();
  }

  function curlOf(e) {
    const lines = ['curl -X ' + (e.method || 'POST') + ' ' + shellQuote(e.signatureUrl || (location.origin + (e.path || '/webhooks')))];
    const keep = ['Content-Type', 'X-Twilio-Signature', 'I-Twilio-Idempotency-Token', 'User-Agent'];
    for (const [name, value] of Object.entries(e.headers || {})) {
      if (keep.some((k) => k.toLowerCase() === name.toLowerCase())) {
        for (const v of Array.isArray(value) ? value : [value]) lines.push('  -H ' + shellQuote(name + ': ' + v));
      }
    }
    lines.push('  --data-raw ' + shellQuote(formBody(e)));
    return lines.join(' \\\n');
  }

  async function copyCurl() {
    const e = events.get(selectedId);
    if (!e) return;
    const text = curlOf(e);
    const pre = $('curl');
    pre.textContent = text;
    pre.hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      $('copy-curl').textContent = 'Copied';
    } catch (x) {
      $('copy-curl').textContent = 'Copy as curl (select below)';
    }
  }

  // ---- clear, export, import --------------------------------------------------------------------
  async function clearAll() {
    try {
      const answer = await api('DELETE', '/api/events');
      events.clear();
      pending = [];
      selectedId = null;
      renderDetail();
      render();
      notice('Cleared ' + answer.cleared + ' events from memory (the journal, if any, keeps them).');
    } catch (error) {
      notice('Clear failed: ' + error.message, true);
    }
  }

  function exportShown() {
    const lines = shownEvents().slice().reverse().map((e) => {
      const copy = Object.assign({}, e);
      delete copy._text;
      return JSON.stringify(copy);
    });
    const blob = new Blob([lines.join('\n') + (lines.length ? '\n' : '')], { type: 'application/x-ndjson' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'syncwire-events-' + new Date().toISOString().replace(/[:.]/g, '-') + '.jsonl';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    notice('Exported ' + lines.length + ' events as ' + a.download);
  }

  async function importFile(file) {
    try {
      const text = await file.text();
      const answer = await api('POST', '/api/events/import', text, 'application/x-ndjson');
      notice('Imported ' + answer.imported + ' events from ' + file.name + ' (new ids ' + (answer.ids || []).join(', ') + ').');
    } catch (error) {
      notice('Import of ' + file.name + ' failed: ' + error.message, true);
    }
  }

  // ---- state view -------------------------------------------------------------------------------
  let lastState = null;

  function scheduleStateRefresh() {
    if (!config.state || stateTimer) return;
    stateTimer = setTimeout(() => { stateTimer = null; loadState(); }, 150); // one fetch for a burst of events
  }

  async function loadState() {
    try {
      const state = await api('GET', '/api/state');
      renderState(state);
      $('state-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      $('state-updated').textContent = 'could not load: ' + error.message;
    }
  }

  function expiry(dateExpires) {
    if (!dateExpires) return '';
    const left = Math.round((new Date(dateExpires) - Date.now()) / 1000);
    return 'expires ' + dateExpires + (isNaN(left) ? '' : left >= 0 ? ' (in ' + left + ' s)' : ' (due)');
  }

  function objectBlock(kind, o, previous) {
    const details = el('details');
    details.open = true;
    details.dataset.testid = 'state-object';
    details.dataset.sid = o.sid || '';
    const summary = details.appendChild(el('summary'));
    summary.appendChild(el('span', 'obj-name', o.uniqueName || o.sid)).dataset.testid = 'state-object-name';
    const meta = [o.uniqueName ? o.sid : null, o.revision !== null && o.revision !== undefined ? 'rev ' + o.revision : null,
      o.items ? o.items.length + ' items' : null, expiry(o.dateExpires)].filter(Boolean).join(' · ');
    summary.appendChild(el('span', 'obj-meta', meta));
    if (previous && JSON.stringify(previous) !== JSON.stringify(o)) summary.classList.add('changed');
    const items = details.appendChild(el('div', 'items'));
    if (kind === 'documents') {
      const item = items.appendChild(el('div', 'item'));
      item.dataset.testid = 'state-item';
      item.appendChild(el('span', 'k', 'data'));
      item.appendChild(el('span', 'v', JSON.stringify(o.data)));
    }
    for (const it of o.items || []) {
      const item = items.appendChild(el('div', 'item'));
      item.dataset.testid = 'state-item';
      item.appendChild(el('span', 'k', it.key !== null && it.key !== undefined ? it.key : '#' + it.index));
      item.appendChild(el('span', 'v', JSON.stringify(it.data)));
      item.appendChild(el('span', 'm', ['rev ' + it.revision, expiry(it.dateExpires)].filter(Boolean).join(' · ')));
      const before = previous && (previous.items || []).find((p) => p.key === it.key && p.index === it.index);
      if (previous && JSON.stringify(before) !== JSON.stringify(it)) item.classList.add('changed');
    }
    if (kind === 'streams') items.appendChild(el('div', 'muted', 'messages are not kept (see the events)'));
    return details;
  }

  function renderState(state) {
    const body = $('state-body');
    const before = new Map();
    if (lastState) {
      for (const s of lastState.services || []) {
        for (const kind of ['documents', 'lists', 'maps', 'streams']) for (const o of s[kind] || []) before.set(o.sid, o);
      }
    }
    clear(body);
    for (const s of (state && state.services) || []) {
      const service = body.appendChild(el('details'));
      service.open = true;
      service.dataset.testid = 'state-service';
      const summary = service.appendChild(el('summary'));
      summary.appendChild(el('span', 'obj-name', s.friendlyName || s.sid));
      summary.appendChild(el('span', 'obj-meta', s.sid));
      let any = false;
      for (const kind of ['documents', 'lists', 'maps', 'streams']) {
        const objects = s[kind] || [];
        if (!objects.length) continue;
        any = true;
        service.appendChild(el('div', 'kind', kind + ' (' + objects.length + ')'));
        for (const o of objects) service.appendChild(objectBlock(kind, o, lastState ? before.get(o.sid) || {} : null));
      }
      if (!any) service.appendChild(el('div', 'muted', 'no documents, lists, maps or streams yet'));
    }
    lastState = state;
  }

  // ---- start ------------------------------------------------------------------------------------
  async function start() {
    loadFiltersFromUrl();
    const form = $('filters');
    form.addEventListener('input', () => { saveFiltersInUrl(); render(); });
    form.addEventListener('submit', (x) => x.preventDefault());
    form.addEventListener('reset', () => setTimeout(() => { saveFiltersInUrl(); render(); }, 0));
    $('pause').addEventListener('click', togglePause);
    $('clear').addEventListener('click', clearAll);
    $('export').addEventListener('click', exportShown);
    $('import-file').addEventListener('change', (x) => {
      const file = x.target.files[0];
      x.target.value = '';
      if (file) importFile(file);
    });
    $('detail-close').addEventListener('click', () => select(null));
    $('replay').addEventListener('click', () => replay({}));
    $('edit-replay').addEventListener('click', openEditor);
    $('send-edited').addEventListener('click', sendEdited);
    $('cancel-edit').addEventListener('click', () => { $('editor').hidden = true; });
    $('copy-curl').addEventListener('click', copyCurl);
    document.addEventListener('keydown', (k) => {
      if (k.key === 'Escape' && selectedId !== null && !k.target.closest('textarea, input')) select(null);
    });
    $('toggle-state').addEventListener('click', () => { $('state').hidden = !$('state').hidden; });

    try {
      config = Object.assign(config, await api('GET', '/api/config'));
    } catch (error) {
      // A receiver without /api/config: no forwarding, no state view.
    }
    const webhookUrl = config.webhookUrl || (location.origin + '/webhooks');
    $('webhook-url').textContent = 'POST ' + webhookUrl;
    $('empty-url').textContent = webhookUrl;
    if (config.forwardTo) $('replay-url').placeholder = config.forwardTo + ' (the forward target)';
    if (config.state) {
      $('state').hidden = false;
      $('toggle-state').hidden = false;
      loadState();
    }

    try {
      const page = await api('GET', '/api/events');
      for (const e of page.events || []) {
        events.set(e.id, e);
        lastId = Math.max(lastId, e.id);
        addTypeOption(e);
      }
    } catch (error) {
      notice('Could not load the recorded events: ' + error.message, true);
    }
    render();
    connect();
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', start);
})();
