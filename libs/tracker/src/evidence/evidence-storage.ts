import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { IllegalStateError } from '#domain';
import type { EvidenceFiles } from './evidence-files.js';
import type { EvidenceKeyring, EvidenceRef } from './evidence-keyring.js';

/** AES-256-GCM: 12-byte IV, 16-byte tag, then the ciphertext. */
function sealBytes(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unsealBytes(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What reading a kept file finds. */
export type OpenedEvidence =
  | { status: 'readable'; bytes: Buffer }
  | { status: 'erased' }
  | { status: 'missing' }
  /** The stored bytes fail their authentication tag: they were changed after they were kept. */
  | { status: 'altered' };

/**
 * Evidence files kept outside the events: each encrypted under its own key (EvidenceKeyring),
 * the ciphertext in PostgreSQL or an S3-compatible store (EvidenceFiles). Deleting the key and
 * the bytes erases a file; the events that attached it stay.
 */
export class EvidenceStorage {
  constructor(
    private readonly keyring: EvidenceKeyring,
    readonly files: EvidenceFiles,
  ) {}

  async keep(ref: EvidenceRef, bytes: Buffer): Promise<void> {
    const key = await this.keyring.keyFor(ref, true);
    if (!key) throw new IllegalStateError('evidence_erased', `evidence ${ref.evidenceId} was erased and its id cannot hold a file again`);
    await this.files.put(ref, sealBytes(key, bytes));
  }

  async open(ref: EvidenceRef): Promise<OpenedEvidence> {
    const key = await this.keyring.keyFor(ref, false);
    if (!key) return { status: 'erased' };
    const sealed = await this.files.get(ref);
    if (!sealed) return { status: 'missing' };
    try {
      return { status: 'readable', bytes: unsealBytes(key, sealed) };
    } catch {
      return { status: 'altered' };
    }
  }

  /** Key first: once it is gone the bytes are unreadable wherever a copy of them survives. */
  async erase(ref: EvidenceRef): Promise<void> {
    await this.keyring.erase(ref);
    await this.files.delete(ref);
  }

  /** Forgets a file kept for an attachment that was then refused (nothing on the record names it). */
  async discard(ref: EvidenceRef): Promise<void> {
    await this.files.delete(ref);
  }
}
