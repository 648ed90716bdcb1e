// The ObjectStore over Amazon S3: streamed (multipart when large) uploads, server-side encryption, bounded retries.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { describeError } from '../../../common/errors';
import { retry, type RetryPolicy } from '../../../common/retry';
import type { Logger } from '../../../common/logger';
import type { ObjectStore, PutOptions } from './object-store';

export type ServerSideEncryption =
  { readonly mode: 'none' } | { readonly mode: 'AES256' } | { readonly mode: 'aws:kms'; readonly kmsKeyId?: string };

export interface S3ObjectStoreOptions {
  readonly bucket: string;
  readonly sse: ServerSideEncryption;
  readonly retryPolicy: RetryPolicy;
  /** Multipart part size; objects smaller than one part go up in a single PUT. S3's minimum is 5 MiB. */
  readonly partSizeBytes?: number;
  readonly uploadConcurrency?: number;
  readonly logger: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Multipart part size when none is given (ARCHIVE_PART_SIZE_MB's default): S3's minimum part is 5 MiB. */
export const DEFAULT_PART_SIZE_BYTES = 8 * 1024 * 1024;

export class S3ObjectStore implements ObjectStore {
  public constructor(
    private readonly client: S3Client,
    private readonly options: S3ObjectStoreOptions,
  ) {}

  public async put(key: string, body: Buffer | (() => Readable), options: PutOptions): Promise<void> {
    const partSize = this.options.partSizeBytes ?? DEFAULT_PART_SIZE_BYTES;
    await this.withRetry('PutObject', key, async () => {
      // Bytes in hand and under one part: one PutObject, without lib-storage's stream buffering (progress objects and
      // dead letters are a few KB; on a shared machine the Upload machinery cost more than the request).
      if (Buffer.isBuffer(body) && body.length < partSize) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.options.bucket,
            Key: key,
            Body: body,
            ContentType: options.contentType,
            ...this.encryption(),
          }),
        );
        return;
      }
      const upload = new Upload({
        client: this.client,
        params: {
          Bucket: this.options.bucket,
          Key: key,
          Body: Buffer.isBuffer(body) ? body : body(),
          ContentType: options.contentType,
          ...this.encryption(),
        },
        partSize,
        queueSize: this.options.uploadConcurrency ?? 4,
        leavePartsOnError: false,
      });
      await upload.done();
    });
  }

  public async get(key: string): Promise<Buffer | undefined> {
    return this.withRetry('GetObject', key, async () => {
      try {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
        if (response.Body === undefined) return Buffer.alloc(0);
        return Buffer.from(await response.Body.transformToByteArray());
      } catch (error: unknown) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  public async exists(key: string): Promise<boolean> {
    return this.withRetry('HeadObject', key, async () => {
      try {
        await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
        return true;
      } catch (error: unknown) {
        if (isNotFound(error)) return false;
        throw error;
      }
    });
  }

  private encryption(): { ServerSideEncryption?: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string } {
    const sse = this.options.sse;
    if (sse.mode === 'none') return {};
    if (sse.mode === 'AES256') return { ServerSideEncryption: 'AES256' };
    return { ServerSideEncryption: 'aws:kms', ...(sse.kmsKeyId === undefined ? {} : { SSEKMSKeyId: sse.kmsKeyId }) };
  }

  private withRetry<T>(operation: string, key: string, fn: () => Promise<T>): Promise<T> {
    return retry(fn, {
      policy: this.options.retryPolicy,
      operation: `S3 ${operation} ${this.options.bucket}/${key}`,
      ...(this.options.sleep === undefined ? {} : { sleep: this.options.sleep }),
      onRetry: (error, attempt, delayMs) =>
        this.options.logger.warn('s3 call failed, retrying', {
          operation,
          key,
          attempt,
          delayMs,
          error: describeError(error),
        }),
    });
  }
}

function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // Only a missing key: a missing bucket (NoSuchBucket) must fail loudly, not read as "nothing archived yet".
  const name = (error as { name?: unknown }).name;
  return name === 'NoSuchKey' || name === 'NotFound';
}
