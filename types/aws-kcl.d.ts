// Type declarations for the aws-kcl 2.x binding (it ships none): the callback API our adapter wraps.
declare module 'aws-kcl' {
  import type { Readable, Writable } from 'node:stream';

  namespace kcl {
    interface WireRecord {
      data: string;
      partitionKey: string;
      sequenceNumber: string;
      subSequenceNumber?: number;
      approximateArrivalTimestamp?: number;
      action?: string;
    }
    interface Checkpointer {
      checkpoint(
        sequenceNumber: string | null,
        callback: (error: string | null | undefined, sequenceNumber?: string) => void,
      ): void;
    }
    interface InitializeInput {
      shardId: string;
      sequenceNumber?: string;
      subSequenceNumber?: number;
    }
    interface ProcessRecordsInput {
      records: WireRecord[];
      millisBehindLatest?: number;
      checkpointer: Checkpointer;
    }
    interface CheckpointerInput {
      checkpointer: Checkpointer;
    }
    interface RecordProcessor {
      initialize(input: InitializeInput, completeCallback: () => void): void;
      processRecords(input: ProcessRecordsInput, completeCallback: () => void): void;
      leaseLost(input: Record<string, never>, completeCallback: () => void): void;
      shardEnded(input: CheckpointerInput, completeCallback: () => void): void;
      shutdownRequested?(input: CheckpointerInput, completeCallback: () => void): void;
    }
    interface KclProcessHandle {
      run(): void;
      cleanup(): void;
    }
  }

  function kcl(
    processor: kcl.RecordProcessor,
    input?: Readable,
    output?: Writable,
    error?: Writable,
  ): kcl.KclProcessHandle;
  export = kcl;
}
