// Decodes one delivered record without ever throwing: a decoder bug becomes a dead letter with the raw bytes, not a stalled shard.
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { DecodedRecord } from './decoded-record';
import type { PayloadLimits } from './payload-parser';
import { decodeDelivered, type DeliveredRecord } from './record-decoder';

/**
 * `decodeDelivered`, with an unexpected exception turned into one `processing-error` rejection that keeps the raw
 * bytes (so the sinks dead-letter it and the shard moves on). Used by the KCL processor and the Lambda handler alike.
 */
export function decodeSafely(
  shardId: string,
  delivered: DeliveredRecord,
  receivedAt: number,
  logger: Logger,
  limits?: PayloadLimits,
): DecodedRecord[] {
  try {
    return decodeDelivered(shardId, delivered, limits, receivedAt);
  } catch (error: unknown) {
    logger.error('record decoding failed unexpectedly', {
      sequenceNumber: delivered.sequenceNumber,
      error: describeError(error),
    });
    return [
      {
        kind: 'rejected',
        reason: 'processing-error',
        detail: describeError(error),
        record: {
          shardId,
          sequenceNumber: String(delivered.sequenceNumber),
          subSequenceNumber: delivered.subSequenceNumber ?? 0,
          partitionKey: String(delivered.partitionKey),
          approximateArrivalTimestamp: delivered.approximateArrivalTimestamp ?? receivedAt,
          receivedAt,
          data: Buffer.from(String(delivered.data), 'base64'),
        },
      },
    ];
  }
}
