import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERASED_REFERENCE, IllegalStateError, mapIncidentSources, sourceListsOf, type IncidentSource } from '#domain';
import type { EventStore, NewEvent, RecordedEvent, StreamAppend } from '#event-store';
import { sourceKeyName, type SourceKeyring, type SourceRef } from './source-keyring.js';

const PREFIX = 'sealed:v1:';

export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
}

export function unseal(key: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.slice(PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** The sources these events name with a reference (an erased placeholder names none). */
function refsOf(events: { type: string; data: unknown }[]): SourceRef[] {
  return events.flatMap((event) =>
    sourceListsOf(event).flatMap((sources) =>
      sources.filter((s) => !s.erased).map((s) => ({ incidentId: (event.data as { incidentId: string }).incidentId, sourceId: s.id })),
    ),
  );
}

const erasedSource = (source: IncidentSource): IncidentSource => ({ ...source, reference: ERASED_REFERENCE, erased: true });

/** One reference in clear while its key exists (and opens it), "[erased]" otherwise. */
function openSource(keyring: SourceKeyring, keys: Map<string, Buffer>, incidentId: string, source: IncidentSource): IncidentSource {
  if (!source.reference.startsWith(PREFIX)) return source;
  const key = keys.get(sourceKeyName({ incidentId, sourceId: source.id }));
  if (!key) return erasedSource(source);
  try {
    return { ...source, reference: unseal(key, source.reference) };
  } catch {
    // A reference its key cannot open is lost for good; it must not take the incident, or a
    // rebuild of the whole store, down with it.
    keyring.warn(`source ${source.id} of incident ${incidentId} cannot be opened; it reads as erased`);
    return erasedSource(source);
  }
}

/**
 * Opens the sealed sources of records read from the read models (which keep them sealed, so that
 * deleting a key is enough to forget a source everywhere): one key lookup for all of them.
 */
export async function openSources(keyring: SourceKeyring, records: { incidentId: string; sources: IncidentSource[] }[]): Promise<IncidentSource[][]> {
  const refs = records.flatMap(({ incidentId, sources }) =>
    sources.filter((s) => s.reference.startsWith(PREFIX)).map((s) => ({ incidentId, sourceId: s.id })),
  );
  const keys = await keyring.keysFor(refs, false);
  return records.map(({ incidentId, sources }) => sources.map((source) => openSource(keyring, keys, incidentId, source)));
}

/**
 * Wraps an event store so that every source reference is stored encrypted under the source's
 * own key. Read by stream (commands, histories, diffs) the references come back in clear while
 * the key exists; read across the store (`readAll`: the projections) they stay sealed, so the
 * read models never hold one in clear and the API opens them when it answers (openSources).
 * Once the key is deleted the reference reads as "[erased]" everywhere, while the events
 * themselves stay untouched.
 */
export function withSealedSources(store: EventStore, keyring: SourceKeyring): EventStore {
  const open = async (events: RecordedEvent[]): Promise<RecordedEvent[]> => {
    const refs = refsOf(events);
    if (refs.length === 0) return events;
    const keys = await keyring.keysFor(refs, false);
    return events.map((event) => mapIncidentSources(event, (source, incidentId) => openSource(keyring, keys, incidentId, source)));
  };

  const sealEvents = async (events: NewEvent[]): Promise<NewEvent[]> => {
    const keys = await keyring.keysFor(refsOf(events), true);
    return events.map((event) =>
      mapIncidentSources(event, (source, incidentId) => {
        if (source.erased) return erasedSource(source);
        const key = keys.get(sourceKeyName({ incidentId, sourceId: source.id }));
        if (!key) throw new IllegalStateError('source_erased', `source ${source.id} was erased and its id cannot name a reference again`);
        return { ...source, reference: seal(key, source.reference) };
      }),
    );
  };
  const appendMany = store.appendMany;

  return {
    append: async (streamId, events: NewEvent[], options) => store.append(streamId, await sealEvents(events), options),
    ...(appendMany && {
      appendMany: async (appends: StreamAppend[]) => {
        const sealed = await sealEvents(appends.flatMap((a) => a.events));
        let next = 0;
        return appendMany(appends.map((a) => ({ ...a, events: sealed.slice(next, (next += a.events.length)) })));
      },
    }),
    readStream: async (streamId, options) => open(await store.readStream(streamId, options)),
    readStreams: async (streamIds) => {
      const streams = await store.readStreams(streamIds);
      const opened = await open([...streams.values()].flat());
      let next = 0;
      return new Map([...streams].map(([id, events]) => [id, opened.slice(next, (next += events.length))]));
    },
    readAll: (options) => store.readAll(options),
    headPosition: () => store.headPosition(),
    watchAppends: store.watchAppends,
    close: () => store.close(),
  };
}
