import { openDB, type DBSchema } from 'idb';
import type { IncidentDetails } from '../../../libs/domain/src/incident/incident.js';
import { api, ApiError, ConflictError, uuid, type FieldError, type IncidentView, type WriteResult } from './api.js';
import { attachFile, type ChosenFile } from './evidence.js';
import { session } from './session.js';

/**
 * The outbox: reports and amendments saved on this device, each with its client-made incident id
 * and Idempotency-Key, sent in the order they were written once there is a connection and a
 * sign-in of their author. A retry sends the same body with the same key, so the server appends
 * once however often the link drops; nothing leaves the outbox but by the monitor's hand. Files
 * chosen in the form wait with their item and go after it is on the record, each with its own key.
 */

export type ReportBody = Partial<IncidentDetails> & { id: string };
export type AmendmentBody = { expectedVersion: number; changes: Partial<IncidentDetails>; reason: string };

/**
 * saved (on this device, not sent yet) → sent (no answer yet: it may have landed) → recorded (on
 * the record, with the server's position) | refused (field errors to fix) | conflict (an
 * amendment of an older version: 409).
 */
export type OutboxState = 'saved' | 'sent' | 'recorded' | 'refused' | 'conflict';

/** A file kept on the device (a Blob in IndexedDB) until attached to its item's incident. */
export type OutboxFile = ChosenFile & { idempotencyKey: string; state: 'waiting' | 'sent' | 'refused'; position?: string; message?: string };

interface Common {
  seq?: number;
  incidentId: string;
  idempotencyKey: string;
  /** Who wrote it: only their sign-in sends it. */
  author: string;
  savedAt: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  position?: string;
  fieldErrors?: FieldError[];
  message?: string;
  files?: OutboxFile[];
}

export type OutboxItem = Common &
  ({ kind: 'report'; body: ReportBody } | { kind: 'amendment'; body: AmendmentBody; /** the record's latest version, after a 409 */ current?: IncidentView });
export type SavedItem = OutboxItem & { seq: number };

interface OutboxDb extends DBSchema {
  items: { key: number; value: OutboxItem };
}

const database = openDB<OutboxDb>('tracker-outbox', 1, {
  upgrade: (db) => db.createObjectStore('items', { keyPath: 'seq', autoIncrement: true }),
});

const WAITING: OutboxState[] = ['saved', 'sent'];
const filesWaiting = (item: OutboxItem) => item.state === 'recorded' && Boolean(item.files?.some((file) => file.state === 'waiting'));
export const isWaiting = (item: OutboxItem) => WAITING.includes(item.state) || filesWaiting(item);

/** Back-off after a failed attempt: 2 s, 4 s, 8 s … up to 5 minutes. */
export const backOff = (attempts: number) => Math.min(2_000 * 2 ** (attempts - 1), 300_000);

const listeners = new Set<() => void>();
const channel = 'BroadcastChannel' in window ? new BroadcastChannel('tracker-outbox') : null;
channel?.addEventListener('message', () => listeners.forEach((listener) => listener()));

/** Called on every change, in this tab and the others. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  listeners.forEach((listener) => listener());
  channel?.postMessage('changed');
}

async function put(item: OutboxItem): Promise<SavedItem> {
  const seq = await (await database).put('items', item);
  changed();
  return { ...item, seq };
}

export async function outboxItems(): Promise<SavedItem[]> {
  return (await (await database).getAll('items')) as SavedItem[];
}

export async function outboxItem(seq: number): Promise<SavedItem | undefined> {
  return (await (await database).get('items', seq)) as SavedItem | undefined;
}

/** Removes an item: only the monitor does (discarding a conflict, clearing what is recorded). */
export async function removeItem(seq: number): Promise<void> {
  await (await database).delete('items', seq);
  changed();
}

/**
 * Saves a report or amendment to send, with the files chosen for it. Given an earlier item (a
 * refused one being fixed), it is updated in place: a changed body gets a new key, since the server
 * binds a key to its body; files chosen again replace the earlier ones, none chosen keeps them.
 */
export async function saveItem(
  entry: { kind: 'report'; body: ReportBody } | { kind: 'amendment'; incidentId: string; body: AmendmentBody },
  author: string,
  earlier?: SavedItem,
  chosen: ChosenFile[] = [],
): Promise<SavedItem> {
  const sameBody = earlier && JSON.stringify(earlier.body) === JSON.stringify(entry.body);
  const common = {
    incidentId: entry.kind === 'report' ? entry.body.id : entry.incidentId,
    idempotencyKey: sameBody ? earlier.idempotencyKey : uuid(),
    author,
    savedAt: new Date().toISOString(),
    state: 'saved' as const,
    attempts: 0,
    nextAttemptAt: 0,
    files: chosen.length ? chosen.map((file) => ({ ...file, idempotencyKey: uuid(), state: 'waiting' as const })) : earlier?.files,
    ...(earlier ? { seq: earlier.seq } : {}),
  };
  const item = await put(entry.kind === 'report' ? { ...common, kind: 'report', body: entry.body } : { ...common, kind: 'amendment', body: entry.body });
  requestBackgroundSync();
  return item;
}

/** An amendment refused as stale, applied again on the record's latest version. */
export function reapply(item: SavedItem & { kind: 'amendment' }): Promise<SavedItem> {
  const version = item.current?.version ?? item.body.expectedVersion;
  return saveItem({ kind: 'amendment', incidentId: item.incidentId, body: { ...item.body, expectedVersion: version } }, item.author, item);
}

/** Clears the back-off: the connection is back, or the monitor pressed send. */
export async function retryNow(): Promise<void> {
  unreachableRounds = 0;
  serverAnswered = null; // unknown until the next probe
  for (const item of await outboxItems()) if (isWaiting(item) && item.nextAttemptAt) await put({ ...item, nextAttemptAt: 0 });
}

let retryTimer: number | undefined;
let unreachableRounds = 0;
let serverAnswered: boolean | null = null;

/**
 * Online for sending: the browser says so and the server answered the last probe. A satellite
 * link can be "online" to the browser while nothing gets through.
 */
export const isOnline = () => navigator.onLine && serverAnswered !== false;

/** Any answer of the server counts; only a request that got none means the link is down. */
async function probe(): Promise<boolean> {
  const answered = await fetch('/api/health', { cache: 'no-store' }).then(() => true, () => false);
  const changedState = answered !== serverAnswered;
  serverAnswered = answered;
  if (changedState) listeners.forEach((listener) => listener());
  return answered;
}

function retryIn(wait: number) {
  clearTimeout(retryTimer);
  retryTimer = window.setTimeout(() => void sendOutbox(), wait);
}

let rounds: Promise<void> = Promise.resolve();
let roundQueued = false;

/**
 * Sends what waits, oldest first, as the signed-in user: items by someone else wait for their
 * sign-in. A network failure stops the round (order is kept) and schedules the next one. One
 * round at a time across tabs (Web Locks), so an item is never in flight twice; a call during a
 * round queues one more, which sees what was saved meanwhile.
 */
export function sendOutbox(): Promise<void> {
  if (roundQueued) return rounds;
  roundQueued = true;
  rounds = rounds.then(() => {
    roundQueued = false;
    return (navigator.locks ? navigator.locks.request('tracker-outbox', sendRound) : sendRound()).catch((error: unknown) => console.warn('outbox:', error));
  });
  return rounds;
}

async function sendRound(): Promise<void> {
  const me = session();
  if (!me || !navigator.onLine) return;
  clearTimeout(retryTimer);
  const items = (await outboxItems()).filter((item) => isWaiting(item) && item.author === me.username).sort((a, b) => a.seq - b.seq);
  if (!items.length) return;
  // Nothing leaves (nor is marked sent) until the server is known to answer.
  if (!(await probe())) return retryIn(backOff(++unreachableRounds));
  unreachableRounds = 0;
  for (let item of items) {
    if (item.nextAttemptAt > Date.now()) return retryIn(item.nextAttemptAt - Date.now());
    if (item.state !== 'recorded') {
      const answered = await sendItem(item);
      if (!answered) return;
      item = answered;
    }
    if (item.state === 'recorded' && !(await sendFiles(item))) return;
  }
}

/** A failed request with no answer: the item waits, backing off; the round stops to keep the order. */
async function backOffItem(item: SavedItem): Promise<void> {
  const attempts = item.attempts + 1;
  const wait = backOff(attempts);
  await put({ ...item, attempts, nextAttemptAt: Date.now() + wait });
  retryIn(wait);
}

/** Sends a report or amendment; the item as answered, or undefined when no answer came. */
async function sendItem(item: SavedItem): Promise<SavedItem | undefined> {
  // Marked before the request: after a crash, "sent" says it may be on the record already.
  await put({ ...item, state: 'sent' });
  let result: WriteResult;
  try {
    result = item.kind === 'report' ? await api.report(item.body, item.idempotencyKey) : await api.amend(item.incidentId, item.body, item.idempotencyKey);
  } catch (error) {
    if (error instanceof ConflictError && item.kind === 'amendment') {
      const current = await api.incident(item.incidentId).catch(() => undefined);
      return put({ ...item, state: 'conflict', current, message: error.message });
    }
    if (error instanceof ApiError) return put({ ...item, state: 'refused', fieldErrors: error.fieldErrors, message: error.message });
    await backOffItem({ ...item, state: 'sent' });
    return undefined;
  }
  return put({ ...item, state: 'recorded', position: result.position, fieldErrors: undefined, message: undefined });
}

/** Attaches the item's waiting files in order, each once (its own key); false when the link dropped. */
async function sendFiles(item: SavedItem): Promise<boolean> {
  const files = [...(item.files ?? [])];
  for (const [index, file] of files.entries()) {
    if (file.state !== 'waiting') continue;
    try {
      const { position } = await attachFile(item.incidentId, file, file.idempotencyKey);
      files[index] = { ...file, state: 'sent', position, message: undefined };
    } catch (error) {
      if (!(error instanceof ApiError)) {
        await backOffItem({ ...item, files });
        return false;
      }
      files[index] = { ...file, state: 'refused', message: error.message };
    }
    item = await put({ ...item, files });
  }
  return true;
}

/** Asks the browser to wake the app when the connection returns (Chromium's background sync). */
function requestBackgroundSync(): void {
  void navigator.serviceWorker?.ready
    .then((registration) => (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('outbox'))
    .catch(() => undefined);
}

/** Sends on open, when the connection returns, and when the service worker's sync fires. */
export function startSending(): void {
  window.addEventListener('online', () => void retryNow().then(sendOutbox));
  navigator.serviceWorker?.addEventListener('message', (event) => (event.data as { type?: string })?.type === 'outbox:send' && void sendOutbox());
  void sendOutbox();
}
