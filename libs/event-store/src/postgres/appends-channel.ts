import pg from 'pg';
import type { Position } from '../event-store.js';

const CHANNEL = 'event_store_appends';
const RECONNECT_MS = 1000;

/**
 * Appends are announced on a PostgreSQL channel, so readers following the store (projections,
 * in this process or another) wake at once instead of polling. The announcement is sent after
 * the append committed, outside its transaction (a NOTIFY inside it would serialize commits),
 * and coalesced: one in flight at a time, carrying the furthest position appended meanwhile.
 * A lost announcement costs only latency: followers still look on their own, less often.
 */
export function appendAnnouncer(pool: pg.Pool): (position: Position) => void {
  let pending: Position | null = null;
  let sending = false;
  const send = async () => {
    sending = true;
    while (pending !== null) {
      const position = pending;
      pending = null;
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, position]).catch(() => undefined);
    }
    sending = false;
  };
  return (position) => {
    if (pending === null || position > pending) pending = position;
    if (!sending) void send();
  };
}

/**
 * One LISTEN connection per store, opened while anyone watches; it reconnects after a failure
 * (meanwhile watchers see no announcements and fall back to looking now and then).
 */
export function appendsListener(connectionString: string) {
  const listeners = new Set<(position: Position) => void>();
  let client: pg.Client | null = null;
  /** Settles when the current connection listens, or has failed. */
  let listening: Promise<void> = Promise.resolve();
  let closed = false;

  const connect = () => {
    const connection = new pg.Client({ connectionString });
    client = connection;
    connection.on('notification', ({ payload }) => payload && listeners.forEach((listener) => listener(payload)));
    connection.on('error', () => reconnect(connection));
    listening = connection
      .connect()
      .then(() => connection.query(`LISTEN ${CHANNEL}`))
      .then(
        () => undefined,
        () => reconnect(connection),
      );
  };
  const reconnect = (failed: pg.Client) => {
    if (client !== failed) return;
    client = null;
    void failed.end().catch(() => undefined);
    if (!closed && listeners.size > 0) setTimeout(() => !client && !closed && listeners.size > 0 && connect(), RECONNECT_MS).unref();
  };
  const disconnect = async () => {
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };

  return {
    /** Resolves once announcements are heard (or the connection failed), so none made after is missed. */
    async watch(listener: (position: Position) => void): Promise<() => void> {
      listeners.add(listener);
      if (!client && !closed) connect();
      await listening;
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) void disconnect();
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      await disconnect();
    },
  };
}
