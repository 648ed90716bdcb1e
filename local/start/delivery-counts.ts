// Counts what the sinks hold for the live status of `npm start`: archive lines (new objects read once) and table rows, refreshed in the background.
import { gunzipSync } from 'node:zlib';
import { SQL_TABLE_NAME } from '../../common/pg/pg-connection';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Client } from 'pg';

export interface DeliveryCountsOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** The archive prefix (ARCHIVE_PREFIX, `raw` by default). */
  readonly prefix: string;
  readonly postgresUrl: string;
  /** Validated [schema.]table names whose rows are counted together. */
  readonly tables: readonly string[];
  readonly onError?: (error: unknown) => void;
}

export class DeliveryCounts {
  /** Lines per archive object already read: an object name fixes its records, so each is read once. */
  private readonly linesByKey = new Map<string, number>();
  private archivedLines: number | undefined;
  private loadedRows: number | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  public constructor(private readonly options: DeliveryCountsOptions) {
    for (const table of options.tables) if (!SQL_TABLE_NAME.test(table)) throw new Error(`unsafe table name ${table}`);
  }

  /** Archive lines (all runs kept in the folder), or undefined before the first count finished. */
  public get archived(): number | undefined {
    return this.archivedLines;
  }
  public get loaded(): number | undefined {
    return this.loadedRows;
  }

  public start(intervalMs: number): void {
    void this.refresh();
    this.timer = setInterval(() => {
      void this.refresh();
    }, intervalMs);
  }

  public async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.running;
  }

  /** One refresh at a time; a refresh still running when the next is due is not doubled. */
  public refresh(): Promise<void> {
    this.running ??= Promise.all([this.countArchive(), this.countRows()])
      .then(
        () => undefined,
        (error: unknown) => this.options.onError?.(error),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async countArchive(): Promise<void> {
    const { s3, bucket, prefix } = this.options;
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: `${prefix.replace(/\/+$/, '')}/`,
          ContinuationToken: token,
        }),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined || this.linesByKey.has(item.Key)) continue;
        const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: item.Key }));
        const bytes = Buffer.from(
          await (body.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
        );
        const text = (item.Key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
        this.linesByKey.set(item.Key, text.split('\n').filter((line) => line !== '').length);
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    this.archivedLines = [...this.linesByKey.values()].reduce((a, b) => a + b, 0);
  }

  private async countRows(): Promise<void> {
    const client = new Client({ connectionString: this.options.postgresUrl });
    await client.connect();
    try {
      let total = 0;
      for (const table of this.options.tables)
        total += Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
      this.loadedRows = total;
    } finally {
      await client.end();
    }
  }
}
