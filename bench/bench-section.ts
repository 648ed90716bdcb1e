// The shape every benchmark returns: named figures (with units in their names) and ratios against a named baseline.

export interface BenchSection {
  /** Short name, for example "kpl-codec". */
  readonly section: string;
  /** Figures with units in the key, for example { encodeRecordsPerSec: 1.2e6, encodeMBPerSec: 350 }. */
  readonly figures: Readonly<Record<string, number>>;
  /** Ratios measured in the same run, key says against what, for example { encodeVsAwsKinesisAgg: 3.1 }. */
  readonly ratios?: Readonly<Record<string, number>>;
  /** Goals and whether they were met, for example { "encode >= 2x aws-kinesis-agg": true }. */
  readonly goals?: Readonly<Record<string, boolean>>;
  readonly notes?: readonly string[];
}

export interface BenchOptions {
  /** Smaller inputs for a smoke run. */
  readonly quick: boolean;
  /** Progress lines go here (stderr), never to stdout when --json is set. */
  readonly progress: (line: string) => void;
}

/** Every bench/*-bench.ts exports `benchmark` of this type; run-benchmarks.ts discovers them. */
export type Benchmark = (options: BenchOptions) => Promise<BenchSection>;
