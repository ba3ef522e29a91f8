import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { EvidenceFiles } from './evidence-files.js';
import type { EvidenceRef } from './evidence-keyring.js';

export interface S3Settings {
  /** e.g. `http://localhost:9000` for MinIO; the AWS endpoint of the region when absent. */
  endpoint?: string;
  bucket: string;
  region: string;
}

const objectKey = ({ incidentId, evidenceId }: EvidenceRef) => `evidence/${incidentId}/${evidenceId}`;

/**
 * The bytes as objects of an S3-compatible store (MinIO, AWS S3), already encrypted: the store
 * never holds a file it could read. Credentials come the SDK's usual way (`AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, or the instance's role).
 */
export function s3EvidenceFiles(settings: S3Settings): EvidenceFiles {
  // Path-style addressing: MinIO and most self-hosted stores serve buckets under the path.
  const client = new S3Client({ region: settings.region, endpoint: settings.endpoint, forcePathStyle: !!settings.endpoint });
  const Bucket = settings.bucket;
  return {
    kind: 's3',
    async put(ref, sealed) {
      await client.send(new PutObjectCommand({ Bucket, Key: objectKey(ref), Body: sealed, ContentType: 'application/octet-stream' }));
    },
    async get(ref) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(ref) }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async delete(ref) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(ref) }));
    },
  };
}
