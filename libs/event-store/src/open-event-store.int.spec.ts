import { freshDatabaseUrl } from '../../../test/databases.js';
import { EventStoreUnavailableError } from './errors.js';
import { openEventStore, redact, type EventStoreKind } from './open-event-store.js';

describe('openEventStore', () => {
  it('opens the PostgreSQL store from DATABASE_URL', async () => {
    const store = await openEventStore({
      kind: 'postgres',
      postgresUrl: await freshDatabaseUrl('open_store'),
    });
    expect(await store.headPosition()).toBe('');
    await store.close();
  });

  it('names the setting that is missing', async () => {
    await expect(openEventStore({ kind: 'postgres' })).rejects.toThrow(/DATABASE_URL/);
    await expect(openEventStore({ kind: 'eventstoredb' })).rejects.toThrow(
      /EVENTSTORE_CONNECTION_STRING/,
    );
    await expect(openEventStore({ kind: 'mongo' as EventStoreKind })).rejects.toThrow(
      /EVENT_STORE=mongo/,
    );
  });

  it('fails at start, naming the settings, when EventStoreDB cannot be reached', async () => {
    const opening = openEventStore({
      kind: 'eventstoredb',
      eventStoreDbConnectionString: 'kurrentdb://admin:secret@127.0.0.1:1?tls=false',
    });
    await expect(opening).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await opening.catch((error: Error) => {
      expect(error.message).toMatch(/EVENT_STORE=eventstoredb, EVENTSTORE_CONNECTION_STRING/);
      expect(error.message).not.toMatch(/secret/);
    });
  });

  it('fails at start when PostgreSQL cannot be reached', async () => {
    await expect(
      openEventStore({
        kind: 'postgres',
        postgresUrl: 'postgres://tracker:secret@127.0.0.1:1/tracker',
      }),
    ).rejects.toThrow(/EVENT_STORE=postgres, DATABASE_URL/);
  });

  it('keeps passwords out of messages', () => {
    expect(redact('postgres://tracker:pw@db:5432/tracker')).toBe(
      'postgres://tracker:***@db:5432/tracker',
    );
    expect(redact('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
  });
});
