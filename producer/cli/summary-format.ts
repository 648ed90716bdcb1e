// Formats the producer CLI's progress lines (stderr) and its end-of-run summary (a table, or one JSON object).
import type { RunProgress, RunSummary } from './run-producer';

export function progressLine(p: RunProgress): string {
  const s = p.stats;
  return (
    `[produce] ${(p.elapsedMs / 1_000).toFixed(0)}s sent=${p.sent} ok=${p.succeeded} failed=${p.failed} buffered=${s.bufferedUserRecords}` +
    ` kinesisRecords=${s.kinesisRecordsPut} userPerKinesis=${s.userRecordsPerKinesisRecord.toFixed(1)} retries=${s.retries} throttles=${s.throttles}`
  );
}

export function summaryTable(summary: RunSummary): string {
  const s = summary.stats;
  const rows: [string, string][] = [
    ['user records sent', String(summary.sent)],
    ['stored (acknowledged)', String(summary.succeeded)],
    [
      'failed',
      `${summary.failed}${
        summary.failed === 0
          ? ''
          : ` (${Object.entries(summary.failuresByCode)
              .map(([c, n]) => `${c}: ${n}`)
              .join(', ')})`
      }`,
    ],
    ['elapsed', `${(summary.elapsedMs / 1_000).toFixed(1)} s`],
    ['rate', `${summary.recordsPerSecond.toFixed(0)} user records/s`],
    ['Kinesis records', String(s.kinesisRecordsPut)],
    ['user records per Kinesis record', s.userRecordsPerKinesisRecord.toFixed(2)],
    ['bytes per Kinesis record', s.bytesPerKinesisRecord.toFixed(0)],
    ['PutRecords requests', String(s.putRecordsRequests)],
    ['retries / throttles', `${s.retries} / ${s.throttles}`],
    ['reshards detected', String(s.reshardsDetected)],
    [
      'put latency p50 / p90 / p99 / max',
      `${s.latencyMs.p50.toFixed(0)} / ${s.latencyMs.p90.toFixed(0)} / ${s.latencyMs.p99.toFixed(0)} / ${s.latencyMs.max.toFixed(0)} ms`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
