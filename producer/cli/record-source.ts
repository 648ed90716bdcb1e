// Where runProducer's user records come from: a sample generator, or JSONL lines with the partition key taken from a field.
import { randomUUID } from 'node:crypto';
import { sampleRecords, type SampleKind } from '../samples/sample-source';
import type { UserRecordInput } from '../pipeline/user-record-input';

export type RecordSourceSpec =
  | { readonly kind: 'sample'; readonly sample: SampleKind; readonly seed?: number }
  | { readonly kind: 'lines'; readonly lines: AsyncIterable<string>; readonly partitionKeyField?: string };

export async function* recordSource(spec: RecordSourceSpec): AsyncGenerator<UserRecordInput> {
  if (spec.kind === 'sample') {
    const next = sampleRecords(spec.sample, spec.seed);
    for (;;) yield next();
  }
  for await (const line of spec.lines) {
    if (line.trim() === '') continue;
    yield { partitionKey: partitionKeyOf(line, spec.partitionKeyField), data: line };
  }
}

/**
 * The value of `field` (a dotted path such as user.screen_name) when the line is JSON that has it;
 * otherwise a random key, which spreads records evenly over the shards.
 */
export function partitionKeyOf(line: string, field: string | undefined): string {
  if (field === undefined) return randomUUID();
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return randomUUID();
  }
  for (const part of field.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  const key = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return key.length >= 1 && key.length <= 256 ? key : randomUUID();
}
