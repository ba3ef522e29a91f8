import { AGREEMENT_STREAM_PREFIX, evolveAgreement, initialAgreementState, isAgreementEvent, type AgreementEvent, type AgreementState } from '#domain';
import type { RecordedEvent } from '#event-store';
import { In, type EntityManager } from 'typeorm';
import type { Projection } from '../projections/projection.js';
import { AgreementRow } from './agreement.entity.js';

/** Folds agreement events into `agreements` rows with the domain's own `evolve`. */
export const agreementProjection: Projection & { tables: readonly string[] } = {
  name: 'agreements',
  streamPrefixes: [AGREEMENT_STREAM_PREFIX],
  tables: ['agreements'],
  async apply(manager: EntityManager, events: RecordedEvent[]) {
    const ids = [...new Set(events.filter((e): e is RecordedEvent & AgreementEvent => isAgreementEvent(e)).map((e) => e.data.agreementId))];
    if (ids.length === 0) return;
    const rows = new Map((await manager.findBy(AgreementRow, { id: In(ids) })).map((row) => [row.id, row]));
    for (const event of events) {
      if (!isAgreementEvent(event)) continue;
      const row = rows.get(event.data.agreementId);
      const state: AgreementState = evolveAgreement(row?.record ?? initialAgreementState(), event);
      if (state.status === 'unsigned') continue;
      rows.set(
        state.id,
        Object.assign(new AgreementRow(), {
          id: state.id,
          version: event.version,
          name: state.name,
          signedOn: state.signedOn,
          inForceFrom: state.inForceFrom,
          parties: state.parties,
          record: state,
          lastChangedAt: event.recordedAt,
          lastChangedBy: event.metadata.userId,
          position: event.position,
        }),
      );
    }
    const touched = ids.map((id) => rows.get(id)).filter((row): row is AgreementRow => row !== undefined);
    if (touched.length) await manager.upsert(AgreementRow, touched, ['id']);
  },
};
