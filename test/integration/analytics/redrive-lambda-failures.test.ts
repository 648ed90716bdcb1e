// npm run redrive -- --lambda-failures against kinesis-local, s3rver, PostgreSQL and a fake SQS: a failed Lambda batch is read back from the stream and lands once.
import { expect } from 'chai';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NullLogger } from '../../../common/logger';
import { runRedriveCli, REDRIVE_EXIT } from '../../../analytics/redrive/redrive-cli';
import { readCuratedTable, rowIdentities } from '../../support/curated-reader';
import { archivedIdentities, listKeys, readArchive } from '../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { tweet } from '../../support/kcl-actions';
import { FakeSqsServer } from '../../fakes/fake-sqs-server';
import { createActiveStream, startOperatorStandIns, type OperatorStandIns } from '../operator/operator-stand-ins';
import { tableIdentities } from '../consumer/sinks/sink-fixtures';

const SHARD = 'shardId-000000000000';

describe('npm run redrive -- --lambda-failures (kinesis-local, s3rver, PostgreSQL, fake SQS)', function () {
  this.timeout(180_000);
  let sinks: SinkStandIns;
  let stream: OperatorStandIns;
  const sqs = new FakeSqsServer();
  let env: Record<string, string>;
  let queueUrl = '';
  const sequences: string[] = [];
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  /** Records 7 and 12 are not JSON: dead letters. */
  const poison = new Set([7, 12]);
  const range = { from: 4, to: 15 };
  const inRange = (): number[] => Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
  const identity = (i: number): string => `${SHARD}/${sequences[i]}/0`;

  /** The invocation record Lambda sends to an on-failure destination (Lambda Developer Guide, kinesis-on-failure-destination). */
  const failureRecord = (from = range.from, to = range.to): string =>
    JSON.stringify({
      requestContext: {
        requestId: 'c9b8fa9f-5a7f-4fca-a45b-4b2dc8f4b1f4',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2026-12-06T18:00:00.000Z',
      KinesisBatchInfo: {
        shardId: SHARD,
        startSequenceNumber: sequences[from],
        endSequenceNumber: sequences[to],
        approximateArrivalOfFirstRecord: '2026-12-06T17:59:58.000Z',
        approximateArrivalOfLastRecord: '2026-12-06T17:59:59.000Z',
        batchSize: to - from + 1,
        streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/lambda-source',
      },
    });

  before(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    sinks = await startSinkStandIns();
    stream = await startOperatorStandIns();
    await sqs.start();
    queueUrl = sqs.queueUrl('consumer-failures');
    await createActiveStream(stream.factory, 'lambda-source', 1);
    for (let i = 0; i < 20; i += 1) {
      const out = await stream.factory.kinesis().send(
        new PutRecordCommand({
          StreamName: 'lambda-source',
          PartitionKey: `k${i}`,
          Data: poison.has(i) ? Buffer.from(`{"id": "${i}", "text": `) : tweet(1000 + i),
        }),
      );
      sequences.push(out.SequenceNumber ?? '');
    }
    env = {
      ARCHIVE_BUCKET: sinks.bucket,
      ARCHIVE_PREFIX: 'raw',
      ARCHIVE_ERROR_PREFIX: 'errors/raw',
      ARCHIVE_STATE_PREFIX: 'state/raw',
      CURATED_ENABLED: 'true',
      AWS_ENDPOINT_URL_S3: sinks.s3Endpoint,
      AWS_ENDPOINT_URL_KINESIS: stream.kinesis.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_REGION: 'us-east-1',
      REDSHIFT_URL: sinks.postgresUrl,
      REDSHIFT_DIALECT: 'postgresql',
      REDSHIFT_TLS: 'false',
      REDSHIFT_POSTS_TABLE: 'post_sentiment',
      REDSHIFT_VEHICLES_TABLE: 'vehicle_readings',
      SENTIMENT_ANALYZER: 'neutral',
    };
  });
  after(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    await sqs.stop();
    await stream?.stop();
    await sinks?.stop();
  });

  async function redrive(...argv: string[]): Promise<{ code: number; summary: Record<string, unknown>; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRedriveCli(['--lambda-failures', queueUrl, '--json', ...argv], {
      env,
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
    });
    return { code, summary: JSON.parse(out[0] ?? '{}') as Record<string, unknown>, err: err.join('\n') };
  }
  const stores = async (): Promise<{ pg: string[]; curated: string[]; raw: string[]; deadLetters: string[] }> => ({
    pg: await tableIdentities(sinks.postgresUrl, 'post_sentiment'),
    curated: rowIdentities((await readCuratedTable(sinks.s3, sinks.bucket, 'curated')).rows).sort(),
    raw: archivedIdentities((await readArchive(sinks.s3, sinks.bucket, 'raw/')).lines).sort(),
    deadLetters: await listKeys(sinks.s3, sinks.bucket, 'errors/raw/'),
  });

  it('a dry run reads the range, writes nothing and leaves the message', async () => {
    sqs.send(queueUrl, failureRecord());
    const { code, summary, err } = await redrive('--dry-run');
    expect(code, err).to.equal(REDRIVE_EXIT.failedAgain);
    expect(summary).to.include({ objects: 1, records: 12, redriven: 10, failedAgain: 2 });
    expect(sqs.remaining(queueUrl)).to.have.length(1);
    expect(await listKeys(sinks.s3, sinks.bucket, '')).to.deep.equal([]);
  });

  it('loads the failed range once everywhere, dead-letters its poison, then deletes the message; a second delivery adds nothing', async () => {
    sqs.expireVisibility();
    const first = await redrive();
    expect(first.code, first.err).to.equal(REDRIVE_EXIT.failedAgain);
    expect(first.summary).to.include({ records: 12, redriven: 10, failedAgain: 2 });
    expect(first.summary.failedAgainByReason).to.deep.equal({ 'invalid-json': 2 });
    expect(sqs.remaining(queueUrl)).to.deep.equal([]);
    const loaded = inRange()
      .filter((i) => !poison.has(i))
      .map(identity)
      .sort();
    const after = await stores();
    expect(after.pg).to.deep.equal(loaded);
    expect(after.curated).to.deep.equal(loaded);
    expect(after.raw).to.deep.equal(inRange().map(identity).sort());
    expect(after.deadLetters).to.have.length(2);
    // Lambda delivers the same failure twice (at-least-once): nothing doubles.
    sqs.send(queueUrl, failureRecord());
    expect((await redrive()).code).to.equal(REDRIVE_EXIT.failedAgain);
    expect(await stores()).to.deep.equal(after);
    expect(sqs.remaining(queueUrl)).to.deep.equal([]);
  });

  it('an overlapping range (a bisected retry) adds only the records no store holds yet', async () => {
    sqs.send(queueUrl, failureRecord(2, 9));
    const { code, summary, err } = await redrive();
    expect(code, err).to.equal(REDRIVE_EXIT.failedAgain);
    expect(summary).to.include({ records: 8, redriven: 7, failedAgain: 1 });
    const all = Array.from({ length: range.to - 1 }, (_, i) => 2 + i);
    const loaded = all
      .filter((i) => !poison.has(i))
      .map(identity)
      .sort();
    const now = await stores();
    expect(now.pg).to.deep.equal(loaded);
    expect(now.curated).to.deep.equal(loaded);
    expect(now.raw).to.deep.equal(all.map(identity).sort());
  });

  it('keeps a message that is not a failure record and exits 1', async () => {
    sqs.send(queueUrl, '{"hello": "world"}');
    const { code, err } = await redrive();
    expect(code).to.equal(REDRIVE_EXIT.error);
    expect(err).to.include('no KinesisBatchInfo');
    expect(sqs.remaining(queueUrl)).to.have.length(1);
  });
});
