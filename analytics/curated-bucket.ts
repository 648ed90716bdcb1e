// The S3 calls the analysts' tools make beyond the sinks' ObjectStore: listing with modification times, and deletes.
import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { retry, type RetryPolicy } from '../common/retry';
import type { ObjectStore } from '../consumer/sinks/s3/object-store';
import { S3ObjectStore, type ServerSideEncryption } from '../consumer/sinks/s3/s3-object-store';

export interface ListedObject {
  readonly key: string;
  /** Epoch milliseconds of the object's last write. */
  readonly lastModifiedMs: number;
  readonly sizeBytes: number;
}

/** An ObjectStore that can also list (every key under a prefix) and delete. */
export interface BucketStore extends ObjectStore {
  list(prefix: string): Promise<ListedObject[]>;
  /** Deletes the key; a missing key is not an error (S3 answers 204 either way). */
  delete(key: string): Promise<void>;
}

export const TOOL_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

export class S3BucketStore extends S3ObjectStore implements BucketStore {
  public constructor(
    private readonly s3: S3Client,
    private readonly settings: { bucket: string; sse: ServerSideEncryption; logger: Logger; retryPolicy?: RetryPolicy },
  ) {
    super(s3, { ...settings, retryPolicy: settings.retryPolicy ?? TOOL_RETRY });
  }

  public async list(prefix: string): Promise<ListedObject[]> {
    const objects: ListedObject[] = [];
    await this.pages(prefix, (page) => {
      for (const item of page.Contents ?? [])
        if (item.Key !== undefined)
          objects.push({
            key: item.Key,
            lastModifiedMs: item.LastModified?.getTime() ?? 0,
            sizeBytes: item.Size ?? 0,
          });
    });
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  public async delete(key: string): Promise<void> {
    await this.call('DeleteObject', () =>
      this.s3.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })),
    );
  }

  private async pages(prefix: string, onPage: (page: ListPage) => void): Promise<void> {
    let token: string | undefined;
    do {
      const page = (await this.call('ListObjectsV2', () =>
        this.s3.send(
          new ListObjectsV2Command({
            Bucket: this.settings.bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        ),
      )) as ListPage;
      onPage(page);
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  private call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    return retry(fn, {
      policy: this.settings.retryPolicy ?? TOOL_RETRY,
      operation: `S3 ${operation} ${this.settings.bucket}`,
      onRetry: (error, attempt, delayMs) =>
        this.settings.logger.warn('s3 call failed, retrying', {
          operation,
          attempt,
          delayMs,
          error: describeError(error),
        }),
    });
  }
}

interface ListPage {
  readonly Contents?: readonly { Key?: string; LastModified?: Date; Size?: number }[];
  readonly IsTruncated?: boolean;
  readonly NextContinuationToken?: string;
}
