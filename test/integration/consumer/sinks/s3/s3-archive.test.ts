// The archive sink against s3rver: multipart for large batches, SSE headers on every write, plain NDJSON, replays.
import type { S3Client } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { identityKey } from '../../../../../common/user-record';
import { archivedData } from '../../../../../consumer/sinks/s3/archive-line';
import { makeShardStream, toSinkBatch } from '../../../../support/sink-batch-factory';
import { archivedIdentities, readArchive } from '../../../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../../../support/stand-ins-sinks';
import { archiveSink } from '../sink-fixtures';

interface Sent {
  command: string;
  headers: Record<string, string>;
}

/** Records every request's command name and headers (SSE is a header; s3rver ignores it). */
function recordRequests(s3: S3Client): Sent[] {
  const sent: Sent[] = [];
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const request = (args as { request?: { headers?: Record<string, string> } }).request;
      sent.push({ command: String(context.commandName), headers: { ...(request?.headers ?? {}) } });
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordRequestsForTest' },
  );
  return sent;
}

describe('S3ArchiveSink against s3rver', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  let sent: Sent[];

  before(async () => {
    standIns = await startSinkStandIns({ postgres: false });
    sent = recordRequests(standIns.s3);
  });
  after(async () => {
    await standIns?.stop();
  });
  beforeEach(() => {
    sent.length = 0;
  });

  it('uploads a large batch in parts and reads back byte for byte', async () => {
    const items = makeShardStream({ count: 4_000, textBytes: 2_000, shardId: 'shardId-000000000007' });
    await archiveSink(standIns, { prefix: 'large', gzip: false, partSizeBytes: 5 * 1024 * 1024 }).write(
      toSinkBatch(items),
    );
    expect(sent.filter((s) => s.command === 'UploadPartCommand').length).to.be.greaterThan(1);
    expect(sent.some((s) => s.command === 'CompleteMultipartUploadCommand')).to.equal(true);
    const { keys, lines } = await readArchive(standIns.s3, standIns.bucket, 'large/');
    expect(keys).to.have.length(1);
    expect(archivedIdentities(lines)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
    lines.forEach((line, i) => {
      if (!archivedData(line).equals(items[i]?.decoded.record.data ?? Buffer.alloc(0)))
        expect.fail(`line ${i} differs`);
    });
  });

  it('asks for SSE-KMS with the configured key on data, progress and dead-letter objects', async () => {
    const sink = archiveSink(standIns, { prefix: 'kms', sse: { mode: 'aws:kms', kmsKeyId: 'alias/archive' } });
    await sink.write(toSinkBatch(makeShardStream({ count: 30, shardId: 'shardId-000000000008' })));
    const puts = sent.filter((s) => s.command === 'PutObjectCommand');
    expect(puts.length).to.be.greaterThan(2);
    for (const put of puts)
      expect(put.headers).to.include({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': 'alias/archive',
      });
  });

  it('asks for SSE-S3 (AES256) when configured, and for nothing when off', async () => {
    await archiveSink(standIns, { prefix: 'aes', sse: { mode: 'AES256' } }).write(
      toSinkBatch(makeShardStream({ count: 5, shardId: 'shardId-000000000009' })),
    );
    await archiveSink(standIns, { prefix: 'plain' }).write(
      toSinkBatch(makeShardStream({ count: 5, shardId: 'shardId-000000000010' })),
    );
    const puts = sent.filter((s) => s.command === 'PutObjectCommand');
    expect(puts.filter((p) => p.headers['x-amz-server-side-encryption'] === 'AES256')).to.have.length(2);
    expect(puts.filter((p) => p.headers['x-amz-server-side-encryption'] === undefined)).to.have.length(2);
  });

  it('retries S3 throttling (503 SlowDown) with backoff and still writes every record once', async () => {
    let failures = 2; // FAST_RETRY allows 3 attempts
    const name = 'injectSlowDownForTest';
    // Added before the SDK's own retry step, so these failures reach the sink's retry (common/retry.ts).
    standIns.s3.middlewareStack.add(
      (next) => async (args) => {
        if (failures > 0) {
          failures -= 1;
          throw Object.assign(new Error('Please reduce your request rate.'), {
            name: 'SlowDown',
            $metadata: { httpStatusCode: 503 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const items = makeShardStream({ count: 40, shardId: 'shardId-000000000012' });
      await archiveSink(standIns, { prefix: 'throttled' }).write(toSinkBatch(items));
      expect(failures).to.equal(0);
      const { lines } = await readArchive(standIns.s3, standIns.bucket, 'throttled/');
      expect(archivedIdentities(lines)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
    } finally {
      standIns.s3.middlewareStack.remove(name);
    }
  });

  it('rejects the write once S3 keeps failing, marked retryable so the processor holds the checkpoint', async () => {
    const name = 'injectOutageForTest';
    standIns.s3.middlewareStack.add(
      () => () =>
        Promise.reject(
          Object.assign(new Error('We encountered an internal error.'), {
            name: 'InternalError',
            $metadata: { httpStatusCode: 500 },
          }),
        ),
      { step: 'initialize', name },
    );
    try {
      const error = await archiveSink(standIns, { prefix: 'outage' })
        .write(toSinkBatch(makeShardStream({ count: 5, shardId: 'shardId-000000000013' })))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).to.include({ code: 'SINK_WRITE_FAILED', retryable: true });
    } finally {
      standIns.s3.middlewareStack.remove(name);
    }
  });

  it('keeps the archive exact when a new process replays from the middle of a KPL aggregate', async () => {
    const items = makeShardStream({ count: 200, perAggregate: 5, shardId: 'shardId-000000000011' });
    await archiveSink(standIns, { prefix: 'mid' }).write(toSinkBatch(items.slice(0, 102)));
    await archiveSink(standIns, { prefix: 'mid' }).write(toSinkBatch(items.slice(101, 160)));
    await archiveSink(standIns, { prefix: 'mid' }).write(toSinkBatch(items.slice(100)));
    const { lines } = await readArchive(standIns.s3, standIns.bucket, 'mid/');
    expect(archivedIdentities(lines)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
  });
});
