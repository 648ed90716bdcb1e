// Dead-letter objects: one per reason per batch, one JSON line per rejected record (identity, reason, detail, raw bytes).
import type { Rejection } from '../../decode/decoded-record';
import { deadLetterKey } from './archive-layout';
import type { ObjectStore } from './object-store';

export interface DeadLetterDocument {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
  readonly partitionKey: string;
  readonly approximateArrivalTimestamp: number;
  readonly reason: string;
  readonly detail: string;
  /** The record's raw bytes, standard base64. */
  readonly data: string;
}

export function deadLetterDocument(rejection: Rejection): DeadLetterDocument {
  const { record } = rejection;
  return {
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    subSequenceNumber: record.subSequenceNumber,
    partitionKey: record.partitionKey,
    approximateArrivalTimestamp: record.approximateArrivalTimestamp,
    reason: rejection.reason,
    detail: rejection.detail,
    data: record.data.toString('base64'),
  };
}

export interface DeadLetterObject {
  readonly key: string;
  /** NDJSON, one DeadLetterDocument per line, in stream order. */
  readonly body: Buffer;
  readonly records: number;
}

/**
 * Groups a batch's rejections (in stream order, none at or below the archive's high-water mark) by reason: one
 * object per reason, keyed by its first record. Why a replay never duplicates a dead letter: the first rejection of a
 * reason after the high-water mark is the same whatever the cut, so a replayed batch overwrites the same key with a
 * prefix or a superset of the lines; records it no longer holds go into the next batch's object for that reason.
 */
export function deadLetterObjects(errorPrefix: string, rejections: readonly Rejection[]): DeadLetterObject[] {
  const byReason = new Map<string, Rejection[]>();
  for (const rejection of rejections) {
    const group = byReason.get(rejection.reason);
    if (group === undefined) byReason.set(rejection.reason, [rejection]);
    else group.push(rejection);
  }
  return [...byReason.entries()].map(([reason, group]) => {
    const first = group[0].record;
    const text = group.map((rejection) => JSON.stringify(deadLetterDocument(rejection))).join('\n');
    return {
      key: deadLetterKey(errorPrefix, reason, first, first.approximateArrivalTimestamp),
      body: Buffer.from(`${text}\n`, 'utf8'),
      records: group.length,
    };
  });
}

/** Writes a batch's dead letters, one object per reason, in parallel; resolves with the number of records written. */
export async function writeDeadLetters(
  store: ObjectStore,
  errorPrefix: string,
  rejections: readonly Rejection[],
): Promise<number> {
  const objects = deadLetterObjects(errorPrefix, rejections);
  await Promise.all(
    objects.map((object) => store.put(object.key, object.body, { contentType: 'application/x-ndjson' })),
  );
  return rejections.length;
}

/**
 * Writes records another sink refused (reason `sink-rejected`), one object per record under its own identity
 * (deadLetterKey with a group of one): the archive's high-water mark does not cover them (the archive took the batch
 * already), so the key alone makes a replay overwrite instead of duplicate, however the replay is cut.
 */
export async function writeRefusedRecords(
  store: ObjectStore,
  errorPrefix: string,
  rejections: readonly Rejection[],
): Promise<number> {
  await Promise.all(
    rejections
      .flatMap((rejection) => deadLetterObjects(errorPrefix, [rejection]))
      .map((object) => store.put(object.key, object.body, { contentType: 'application/x-ndjson' })),
  );
  return rejections.length;
}
