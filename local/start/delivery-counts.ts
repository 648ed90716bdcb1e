// Counts what the sinks hold for the live status of `npm start`: archive lines (new objects read once) and table rows, refreshed in the background.
import { SQL_TABLE_NAME } from '../../common/pg/pg-connection';
import type { S3Client } from '@aws-sdk/client-s3';
import { objectTexts } from '../trace/delivery-reader';
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
    const objects = objectTexts(s3, bucket, `${prefix.replace(/\/+$/, '')}/`, (key) => this.linesByKey.has(key));
    for await (const { key, text } of objects)
      this.linesByKey.set(key, text.split('\n').filter((line) => line !== '').length);
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
