import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { STRIPPABLE_MEDIA_TYPES, type EvidenceMediaType } from '#domain';

/** The media type the bytes show (file-type reads their signature), whatever the file was called. */
export async function detectedMediaType(bytes: Buffer): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}

/**
 * The picture without its metadata: EXIF (GPS position, camera, maker notes), XMP and IPTC are
 * left out of the new file (sharp keeps none unless told to). It is turned upright first, since
 * the orientation was part of the metadata removed.
 */
export async function withoutMetadata(bytes: Buffer, mediaType: EvidenceMediaType): Promise<Buffer> {
  if (!STRIPPABLE_MEDIA_TYPES.includes(mediaType)) throw new Error(`cannot remove the metadata of ${mediaType}`);
  const image = sharp(bytes).rotate();
  return mediaType === 'image/png' ? image.png().toBuffer() : image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
}

export const THUMBNAIL_PIXELS = 320;

/** A small JPEG of a photo, at most 320 px a side, without metadata; undefined for files that are not pictures the tracker reads. */
export async function thumbnailOf(bytes: Buffer, mediaType: EvidenceMediaType): Promise<Buffer | undefined> {
  if (!STRIPPABLE_MEDIA_TYPES.includes(mediaType)) return undefined;
  return sharp(bytes).rotate().resize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
}
