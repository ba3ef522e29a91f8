/**
 * Evidence: a file kept with an incident (a photo, a signed statement, a recording). The record
 * keeps what proves it is the file that was filed (the SHA-256 of the original bytes); the bytes
 * live outside the events, encrypted under the file's own key.
 */
export interface IncidentEvidence {
  evidenceId: string;
  /** SHA-256 of the original file as uploaded, hex: whoever holds the original can prove it is this one. */
  sha256: string;
  /** The media type read from the file's content (never from its name). */
  mediaType: EvidenceMediaType;
  /** Bytes of the original. */
  size: number;
  caption: string;
  confidential: boolean;
  /**
   * Location and device metadata (EXIF, GPS, maker notes) removed from the copy that is kept and
   * shown: then the kept copy has its own hash and size.
   */
  stripped: boolean;
  storedSha256?: string;
  storedSize?: number;
  /** Set once the evidence has been erased: its key and bytes are gone for good. */
  erased?: boolean;
}

/** The media types a monitor may attach: photos, documents, recordings, short videos. */
export const EVIDENCE_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/heic',
  'application/pdf',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'video/mp4',
  'video/quicktime',
  'video/webm',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** Images whose metadata the tracker can remove (and draw a thumbnail of). */
export const STRIPPABLE_MEDIA_TYPES: readonly EvidenceMediaType[] = ['image/jpeg', 'image/png'];

/** Other names clients and content sniffers give the same types. */
const SAME_TYPE: Record<string, EvidenceMediaType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/heif': 'image/heic',
  'image/heic-sequence': 'image/heic',
  'image/heif-sequence': 'image/heic',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/aac': 'audio/mp4',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/opus': 'audio/ogg',
  'video/x-m4v': 'video/mp4',
};

/** The evidence media type a name stands for, or undefined when it is none of them. */
export function evidenceMediaType(name: string | undefined): EvidenceMediaType | undefined {
  const plain = name?.split(';')[0].trim().toLowerCase() ?? '';
  if ((EVIDENCE_MEDIA_TYPES as readonly string[]).includes(plain)) return plain as EvidenceMediaType;
  return SAME_TYPE[plain];
}

/** A declared type that says nothing (a browser that does not know the file): the content decides. */
export const isUndeclaredType = (name: string | undefined) => !name || ['application/octet-stream', 'binary/octet-stream'].includes(name.trim().toLowerCase());

/** The evidence of a state with this id, or undefined. */
export const evidenceOf = (evidence: readonly IncidentEvidence[] | undefined, evidenceId: string) =>
  evidence?.find((e) => e.evidenceId === evidenceId);

/**
 * Whether the kept copy loses its metadata when the uploader does not say: yes for a confidential
 * photo, whose GPS position could point at the person who took it.
 */
export const stripsByDefault = (confidential: boolean, mediaType: EvidenceMediaType | undefined) => confidential && !!mediaType?.startsWith('image/');
