// Exactly-once in effect against the real stand-ins: crash between writes and checkpoint, replay with different cuts.
import { expect } from 'chai';
import { identityKey } from '../../../../common/user-record';
import type { Sink, SinkBatch } from '../../../../consumer/sinks/sink';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../../support/sink-batch-factory';
import { archivedIdentities, readArchive } from '../../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { archiveSink, redshiftSink, query, tableIdentities } from './sink-fixtures';

const keysOf = (items: readonly StreamItem[], kind?: string): string[] =>
  items
    .filter((item) => kind === undefined || item.decoded.kind === kind)
    .map((item) => identityKey(item.decoded.record))
    .sort();

async function writeAll(sinks: readonly Sink[], batches: readonly SinkBatch[]): Promise<void> {
  for (const batch of batches) await Promise.all(sinks.map((sink) => sink.write(batch)));
}

describe('sinks exactly-once against s3rver and PostgreSQL', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;

  before(async () => {
    standIns = await startSinkStandIns();
  });
  after(async () => {
    await standIns?.stop();
  });

  it('holds every record exactly once in the archive and both tables after a crash and a differently cut replay', async () => {
    const shards = ['shardId-000000000001', 'shardId-000000000002'].map((shardId, i) =>
      makeShardStream({ shardId, count: 300, perAggregate: 4, seed: 11 + i }),
    );
    // First process: three batches per shard are written; only the first was checkpointed. The third reached S3 but not the database.
    const firstArchive = archiveSink(standIns);
    const firstDb = redshiftSink(standIns.postgresUrl);
    for (const items of shards) {
      const [one, two, three] = cutIntoBatches(items, [80, 80, 80]);
      await writeAll(
        [firstArchive, firstDb],
        [one, two].filter((b): b is SinkBatch => b !== undefined),
      );
      if (three !== undefined) await firstArchive.write(three);
    }
    await firstDb.close(); // the crashed process's connections die with it; the archive sink is dropped without close().
    // Second process: replay from the checkpoint (the end of batch one), cut differently, crossing the old boundaries.
    const archive = archiveSink(standIns);
    const db = redshiftSink(standIns.postgresUrl);
    for (const items of shards) await writeAll([archive, db], cutIntoBatches(items.slice(80), [37, 150, 13]));
    await Promise.all([archive.close(), db.close()]);

    const all = shards.flat();
    const { lines } = await readArchive(standIns.s3, standIns.bucket, 'raw/');
    expect(archivedIdentities(lines).sort()).to.deep.equal(keysOf(all));
    expect(await tableIdentities(standIns.postgresUrl, 'post_sentiment')).to.deep.equal(keysOf(all, 'post'));
    expect(await tableIdentities(standIns.postgresUrl, 'vehicle_readings')).to.deep.equal(keysOf(all, 'vehicle'));
    const deadLetters = await readArchive(standIns.s3, standIns.bucket, 'errors/raw/');
    expect(archivedIdentities(deadLetters.lines).sort()).to.deep.equal(keysOf(all, 'rejected'));
    expect(
      deadLetters.keys.every((key) =>
        /^errors\/raw\/(invalid-json|invalid-utf8)\/\d{4}\/\d{2}\/\d{2}\/\d{2}\//.test(key),
      ),
    ).to.equal(true);
  });

  it('stores the scores, labels, failure reasons and hashtags of posts as given', async () => {
    const rows = await query<{
      sentiment_label: string | null;
      score_positive: number | null;
      sentiment_failure: string | null;
      hashtags: unknown;
      text: string;
    }>(
      standIns.postgresUrl,
      'SELECT sentiment_label, score_positive, sentiment_failure, hashtags, text FROM post_sentiment',
    );
    const scored = rows.filter((row) => row.sentiment_label !== null);
    const failed = rows.filter((row) => row.sentiment_label === null);
    expect(scored.length).to.be.greaterThan(0);
    expect(failed.length).to.be.greaterThan(0);
    expect(
      failed.every((row) => row.sentiment_failure === 'unsupported-language' && row.score_positive === null),
    ).to.equal(true);
    expect(scored.every((row) => typeof row.score_positive === 'number' && row.sentiment_failure === null)).to.equal(
      true,
    );
    expect(rows.every((row) => Array.isArray(row.hashtags) && row.text.includes('#'))).to.equal(true);
  });
});
