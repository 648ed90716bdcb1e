// Types for the dev dependency aws-kinesis-agg (4.x), used only by tests and benchmarks as an independent KPL implementation.
declare module 'aws-kinesis-agg' {
  /** A record as aws-kinesis-agg's aggregators accept it. */
  export interface AggInputRecord {
    partitionKey: string;
    explicitHashKey?: string;
    data: Buffer | string;
  }

  /** One aggregate as aws-kinesis-agg emits it; `ExplicitHashKey` is the first record's, if any record has one. */
  export interface AggEncodedRecord {
    partitionKey: string;
    data: Buffer;
    ExplicitHashKey?: string;
  }

  /** A Kinesis record in the Lambda event shape the deaggregator reads (`data` in base64). */
  export interface AggKinesisRecord {
    partitionKey: string;
    explicitPartitionKey?: string;
    sequenceNumber: string;
    data: string;
  }

  /** A user record out of the deaggregator: `data` in base64, the explicit hash key named explicitPartitionKey. */
  export interface AggUserRecord {
    partitionKey: string;
    explicitPartitionKey?: string;
    sequenceNumber: string;
    subSequenceNumber?: number;
    data: string;
  }

  export function deaggregateSync(
    kinesisRecord: AggKinesisRecord,
    computeChecksums: boolean,
    afterRecordCallback: (err: Error | null | undefined, userRecords?: AggUserRecord[]) => void,
  ): void;

  export function aggregate(
    records: readonly AggInputRecord[],
    encodedRecordHandler: (encodedRecord: AggEncodedRecord, callback: (err?: Error, data?: unknown) => void) => void,
    afterPutAggregatedRecords: () => void,
    errorCallback: (error: Error, data?: AggEncodedRecord) => void,
    queueSize?: number,
  ): void;

  export class RecordAggregator {
    constructor(onReadyCallback?: (err: Error | null, encoded?: AggEncodedRecord) => void);
    addUserRecord(record: AggInputRecord): void;
    checkIfUserRecordFits(record: AggInputRecord): boolean;
    calculateUserRecordSize(record: AggInputRecord): number;
    length(): number;
    build(): AggEncodedRecord | undefined;
    clearRecords(): void;
  }
}
