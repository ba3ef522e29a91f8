import { INCIDENT_STREAM_PREFIX, type EvidenceAttached } from '#domain';
import { START, type EventStore } from '#event-store';
import type { EvidenceStorage } from './evidence-storage.js';
import { sha256Of } from './evidence-storage.js';

export interface EvidenceMismatch {
  incidentId: string;
  evidenceId: string;
  problem: 'missing' | 'altered';
  detail: string;
}

export interface EvidenceCheck {
  checked: number;
  erased: number;
  mismatches: EvidenceMismatch[];
}

/**
 * Recomputes the SHA-256 of every kept file against the event that attached it (the kept copy's
 * hash when its metadata was removed, the original's otherwise), reading the store in batches.
 * An erased file is counted, not checked: it is meant to be unreadable.
 */
export async function verifyEvidence(store: EventStore, storage: EvidenceStorage, batchSize = 1000): Promise<EvidenceCheck> {
  const attached = new Map<string, EvidenceAttached['data']>();
  const erased = new Set<string>();
  for (let after = START; ; ) {
    const batch = await store.readAll({ after, limit: batchSize, streamPrefixes: [INCIDENT_STREAM_PREFIX] });
    for (const event of batch.events) {
      if (event.type === 'EvidenceAttached') {
        const data = event.data as unknown as EvidenceAttached['data'];
        attached.set(data.evidenceId, data);
      } else if (event.type === 'EvidenceErased') erased.add((event.data as { evidenceId: string }).evidenceId);
    }
    if (batch.events.length < batchSize) break;
    after = batch.lastPosition;
  }
  const mismatches: EvidenceMismatch[] = [];
  let checked = 0;
  for (const data of attached.values()) {
    if (erased.has(data.evidenceId)) continue;
    const ref = { incidentId: data.incidentId, evidenceId: data.evidenceId };
    const expected = data.storedSha256 ?? data.sha256;
    const opened = await storage.open(ref);
    checked++;
    if (opened.status === 'readable') {
      const actual = sha256Of(opened.bytes);
      if (actual !== expected) mismatches.push({ ...ref, problem: 'altered', detail: `SHA-256 ${actual}, the record says ${expected}` });
    } else if (opened.status === 'altered') {
      mismatches.push({ ...ref, problem: 'altered', detail: 'the stored bytes fail their authentication: changed after they were kept' });
    } else {
      mismatches.push({ ...ref, problem: 'missing', detail: opened.status === 'erased' ? 'its key is gone, but no erasure is on the record' : 'no bytes in storage' });
    }
  }
  return { checked, erased: [...erased].filter((id) => attached.has(id)).length, mismatches };
}

/** The check in words, one line per mismatch, and the exit code: 1 when any file does not match its event. */
export function evidenceReport(check: EvidenceCheck): { lines: string[]; exitCode: number } {
  const lines = check.mismatches.map((m) => `incident ${m.incidentId} evidence ${m.evidenceId}: ${m.problem} (${m.detail})`);
  const summary = `${check.checked} file(s) checked, ${check.mismatches.length} mismatch(es), ${check.erased} erased`;
  return { lines: [...lines, summary], exitCode: check.mismatches.length ? 1 : 0 };
}
