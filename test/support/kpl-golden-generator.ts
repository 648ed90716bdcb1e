// Generates test/fixtures/kpl/golden-vectors.json with aws-kinesis-agg: `node dist/test/support/kpl-golden-generator.js`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KplRecord } from '../../common/kpl/kpl-record';
import { kplRecord } from './kpl-arbitraries';
import { encodeWithAwsKinesisAgg } from './kpl-agg-adapter';
import { goldenCases } from './kpl-golden-cases';
import { REPO_ROOT } from '../../common/repo-root';

export interface GoldenRecordJson {
  partitionKey: string;
  explicitHashKey?: string;
  dataBase64: string;
}

export interface GoldenVectorJson {
  name: string;
  records: GoldenRecordJson[];
  /** The aggregate aws-kinesis-agg built from `records`: magic + protobuf + MD5, base64. */
  aggregateBase64: string;
}

export interface GoldenVectorFile {
  generatedBy: string;
  implementation: string;
  vectors: GoldenVectorJson[];
}

export const GOLDEN_VECTORS_PATH = resolve(REPO_ROOT, 'test/fixtures/kpl/golden-vectors.json');

function recordJson(record: KplRecord): GoldenRecordJson {
  const dataBase64 = Buffer.from(record.data).toString('base64');
  return record.explicitHashKey === undefined
    ? { partitionKey: record.partitionKey, dataBase64 }
    : { partitionKey: record.partitionKey, explicitHashKey: record.explicitHashKey, dataBase64 };
}

export function generateGoldenVectors(): GoldenVectorFile {
  const version = (
    JSON.parse(readFileSync(require.resolve('aws-kinesis-agg/package.json'), 'utf8')) as { version: string }
  ).version;
  return {
    generatedBy: 'test/support/kpl-golden-generator.ts',
    implementation: `aws-kinesis-agg ${version}`,
    vectors: goldenCases().map((c) => ({
      name: c.name,
      records: c.records.map(recordJson),
      aggregateBase64: encodeWithAwsKinesisAgg(c.records).toString('base64'),
    })),
  };
}

export function loadGoldenVectors(): GoldenVectorFile {
  return JSON.parse(readFileSync(GOLDEN_VECTORS_PATH, 'utf8')) as GoldenVectorFile;
}

export function recordsOf(vector: GoldenVectorJson): KplRecord[] {
  return vector.records.map((r) => kplRecord(r.partitionKey, Buffer.from(r.dataBase64, 'base64'), r.explicitHashKey));
}

if (require.main === module) {
  writeFileSync(GOLDEN_VECTORS_PATH, `${JSON.stringify(generateGoldenVectors(), null, 1)}\n`);
  process.stderr.write(`wrote ${GOLDEN_VECTORS_PATH}\n`);
}
