// Type definitions for syncwire 0.1.0 (hand-written; the package is plain CommonJS).

/** The variables syncwire sets (`exec`), writes (`up --env-file`) and reads (`connect()`). */
export interface SyncwireEnv {
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  TWILIO_SYNC_SERVICE_SID: string;
  /** The Sync fake, e.g. http://127.0.0.1:4010 (no trailing slash). */
  SYNCWIRE_SYNC_BASE_URL: string;
  /** The webhook receiver; webhooks go to `${SYNCWIRE_RECEIVER_URL}/webhooks`. */
  SYNCWIRE_RECEIVER_URL: string;
  /** `${SYNCWIRE_SYNC_BASE_URL}/__syncwire` */
  SYNCWIRE_CONTROL_URL?: string;
  /** Only when a control token is in force. */
  SYNCWIRE_CONTROL_TOKEN?: string;
  [name: string]: string | undefined;
}

/** A duration: milliseconds, `'500ms'`, `'30s'`, `'5m'`, `'1h'`, `'1d'`, or ISO-8601 such as `'PT5M'`. */
export type Duration = number | string;

export type EventStatus = 'accepted' | 'rejected' | 'duplicate';

/** One webhook the receiver recorded (the receiver's one JSON shape). */
export interface SyncEvent {
  id: number;
  receivedAt: string;
  status: EventStatus;
  /** The name that arrived, in its dialect (`map_item_created` stays so). */
  eventType: string;
  /** Twilio's name for it (`map_item_added`). */
  canonicalType: string | null;
  dialect: 'real' | 'seed' | string;
  accountSid: string | null;
  serviceSid: string | null;
  objectType: string | null;
  objectSid: string | null;
  objectName: string | null;
  itemKey: string | null;
  itemIndex: number | null;
  revision: string | null;
  data: any;
  identity: string | null;
  endpointId: string | null;
  eventId: number | null;
  signature: string;
  signatureUrl: string | null;
  duplicateOf: number | null;
  params: Record<string, string | string[]>;
  headers: Record<string, string | string[]>;
  errors: Array<{ field: string; rule: string; received: string | null; message: string }>;
  [field: string]: any;
}

/** What to look for. Every field given must match; only `accepted` events match unless `status` says otherwise. */
export interface EventFilter {
  /** An event type in either dialect: `map_item_created` finds `map_item_added`. */
  type?: string;
  /** The object's SID or unique name. */
  object?: string;
  /** A map item's key. */
  key?: string;
  /** A list item's index. */
  index?: number;
  /** Fields the event's data must contain (deep partial match), e.g. `{ status: 'offline' }`. */
  data?: Record<string, unknown>;
  /** Any other test; return false rather than throw. */
  where?: (event: SyncEvent) => boolean;
  /** Default `'accepted'`. */
  status?: EventStatus | EventStatus[];
}

export interface AwaitOptions {
  /** Default 5000 ms. */
  timeout?: Duration;
  /** Only events after this id (or event). Default: every event the receiver holds. */
  since?: number | SyncEvent;
}

export interface Events {
  /** The first matching event; rejects after `timeout` saying what was awaited and what arrived, closest match first. */
  await(filter: EventFilter, options?: AwaitOptions): Promise<SyncEvent>;
  /** `n` matching events, oldest first. */
  awaitCount(filter: EventFilter, n: number, options?: AwaitOptions): Promise<SyncEvent[]>;
  /** Resolves after `during` (default 1000 ms) with no match; rejects the moment one arrives. */
  assertNone(filter: EventFilter, options?: { during?: Duration; since?: number | SyncEvent }): Promise<void>;
  /** Matching events held, oldest first. */
  list(filter?: EventFilter, options?: { since?: number | SyncEvent }): Promise<SyncEvent[]>;
  /** Forgets every event the receiver holds; resolves with how many. */
  clear(): Promise<number>;
}

export interface ClockAnswer {
  now: Date;
  mode: 'manual' | 'system';
  expired: Array<{ objectType: string; serviceSid: string; objectSid: string; uniqueName: string | null; key: string | null; index: number | null }>;
}

export interface FaultRule {
  /** Default `*`. */
  method?: string;
  /** A regex the whole request path must match, e.g. `/v1/Services/.*\/Maps/.*`. */
  path: string;
  status?: number;
  /** Twilio error code; default 20000 + status. */
  code?: number;
  delay?: Duration;
  /** Absent: always. */
  times?: number;
}

export interface ArmedFault {
  id: string;
  method: string;
  path: string;
  status: number | null;
  code: number | null;
  delay: string;
  times: number | null;
  remaining: number | null;
}

export interface WebhookFault {
  fault: 'drop' | 'delay' | 'duplicate' | 'reorder';
  remaining: number;
  delay?: string;
}

export interface Delivery {
  sequence: number;
  url: string;
  eventType: string;
  params: Record<string, string>;
  idempotencyToken: string;
  createdAt: string;
  fault: string;
  outcome: 'pending' | 'delivered' | 'failed' | 'dropped';
  reason: string;
  attempts: Array<{ startedAt: string; status: number | null; body: string | null; latencyMillis: number; error: string | null }>;
}

export interface Snapshot {
  format: string;
  now: string;
  [field: string]: any;
}

/** The fake's control API (`$SYNCWIRE_CONTROL_URL`). Errors are SyncwireErrors carrying the JSON. */
export interface Fake {
  clock: {
    now(): Promise<Date>;
    mode(): Promise<'manual' | 'system'>;
    /** Moves a manual clock; resolves after the webhooks of what expired were delivered. */
    advance(d: Duration): Promise<ClockAnswer>;
    /** Sets a manual clock to a later instant. */
    set(when: string | Date): Promise<ClockAnswer>;
  };
  faults: {
    add(rule: FaultRule): Promise<ArmedFault>;
    list(): Promise<ArmedFault[]>;
    clear(): Promise<number>;
    remove(id: string): Promise<void>;
  };
  webhookFaults: {
    dropNext(n?: number): Promise<WebhookFault>;
    delayNext(n: number, d: Duration): Promise<WebhookFault>;
    duplicateNext(n?: number): Promise<WebhookFault>;
    reorderNext(n?: number): Promise<WebhookFault>;
    list(): Promise<WebhookFault[]>;
    clear(): Promise<number>;
  };
  deliveries(filter?: { type?: string; outcome?: Delivery['outcome']; since?: number; limit?: number }): Promise<Delivery[]>;
  snapshot(): Promise<Snapshot>;
  restore(snapshot: Snapshot): Promise<{ restored: boolean; services: number; now: string }>;
  /** Resolves once no webhook is queued or in flight (default timeout 5 s). */
  idle(options?: { timeout?: Duration }): Promise<void>;
  /** The fake forgets all Sync state, faults and deliveries; the receiver every event. */
  reset(): Promise<void>;
}

export interface Connection {
  env: SyncwireEnv;
  receiverUrl: string;
  fakeUrl: string;
  controlUrl: string;
  events: Events;
  fake: Fake;
}

export interface Syncwire extends Connection {
  /** syncwire's output (in a temp folder removed by stop()). */
  logFile: string;
  pid: number;
  /** Stops syncwire (SIGTERM, then SIGKILL) and removes its temp folder. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Default `'manual'` (moves only when told, as in the JUnit extension); `'system'` for real time. */
  clock?: 'manual' | 'system' | `manual=${string}`;
  /** Seeds the SIDs, so two runs give the same ones; default the CLI's. */
  seed?: number;
  /** A JSON Lines file the receiver appends every event to. */
  journal?: string;
  /** Your handler's URL: each accepted event is sent on to it, re-signed for it (`up --forward-to`). */
  forwardTo?: string;
  /** How long start may take, in ms; default 60000. */
  timeout?: number;
  /** Options for the JVM, e.g. `['-Xmx256m']`. */
  javaOptions?: string[];
  /** Post `stream_message_published` for stream messages; default false, since nothing shows Twilio sending it. */
  streamWebhooks?: boolean;
}

/** Starts syncwire (receiver and Sync fake) on free ports. */
export function start(options?: StartOptions): Promise<Syncwire>;

/** The same API over an already running syncwire, from its variables (default process.env). */
export function connect(env?: Partial<SyncwireEnv> | NodeJS.ProcessEnv): Connection;

/** A Twilio Functions context whose getTwilioClient() talks to the fake. */
export function createTestContext(env?: Partial<SyncwireEnv> | NodeJS.ProcessEnv, clientOptions?: Record<string, any>): TestContext;

export interface TestContext {
  ACCOUNT_SID: string;
  AUTH_TOKEN: string;
  TWILIO_SYNC_SERVICE_SID: string;
  DOMAIN_NAME: string;
  getTwilioClient(): any;
  [name: string]: any;
}

/** Twilio's name for an event type named in either dialect, or undefined. */
export function canonicalType(name: string): string | undefined;

/** An error answer from syncwire, with its JSON. */
export class SyncwireError extends Error {
  status?: number;
  error?: string;
  field?: string;
  rule?: string;
  received?: unknown;
  errors?: Array<{ field: string; rule: string; received: unknown; message: string }>;
  body?: unknown;
}

export interface CheckHandlerOptions {
  /** Your handler's URL, on this machine unless `allowRemote`. */
  url: string;
  /** Signs with HMAC-SHA1 (default: `$TWILIO_AUTH_TOKEN`). */
  authToken?: string;
  /** `KEY_ID:SECRET`: signs as a Webhook Rule does (HMAC-SHA256). */
  signingKey?: string;
  seedDialect?: boolean;
  /** Per request, ms (default 10000). */
  timeout?: number;
  allowRemote?: boolean;
}

export interface CheckHandlerFinding {
  severity: 'error' | 'warning' | 'security' | 'crash';
  code: string;
  message: string;
  location: { url: string; case: string; request: string; eventType: string | null; status: number | null };
}

export interface CheckHandlerReport {
  tool: 'check-handler';
  url: string;
  signing: string;
  findings: CheckHandlerFinding[];
  cases: Array<{ case: string; request: string; eventType: string | null; status: number | null; latencyMillis: number; verdict: 'ok' | 'warning' | 'security' | 'crash' | 'error'; note: string }>;
  summary: { requests: number; findings: number; error: number; warning: number; security: number; crash: number };
  /** 0 without findings, 1 with. */
  exitCode: 0 | 1;
}

/** Runs `syncwire check-handler --format json` against your handler; rejects when it cannot run (bad options). */
export function checkHandler(options: CheckHandlerOptions): Promise<CheckHandlerReport>;
