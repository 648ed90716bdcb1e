// The metrics port: producers, the consumer and operator tools record data points; adapters batch and publish them off the hot path.

export type MetricUnit =
  | 'Count'
  | 'Milliseconds'
  | 'Seconds'
  | 'Bytes'
  | 'Kilobytes'
  | 'Megabytes'
  | 'Count/Second'
  | 'Bytes/Second'
  | 'Percent'
  | 'None';

export interface MetricDatum {
  readonly name: string;
  readonly value: number;
  readonly unit: MetricUnit;
  /** CloudWatch dimensions, for example { Application, StreamName, ShardId }. */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly timestamp?: Date;
}

export interface MetricsSink {
  /** Records a data point; never blocks and never throws. */
  put(datum: MetricDatum): void;
  /** Publishes what is buffered. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Drops every data point. */
export class NullMetricsSink implements MetricsSink {
  public put(): void {}
  public async flush(): Promise<void> {}
  public async close(): Promise<void> {}
}
