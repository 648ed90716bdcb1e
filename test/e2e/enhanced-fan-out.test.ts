// End-to-end: the daemon on enhanced fan-out (SubscribeToShard over HTTP/2 on the stand-in's TLS port) beside a polling application on one stream, each reading every record; a split under fan-out; the consumer deregistered by command.
import { expect } from 'chai';
import { SplitShardCommand } from '@aws-sdk/client-kinesis';
import { listAllShards } from '../../common/aws/list-all-shards';
import { waitForActive } from '../../local/stand-ins/stream-setup';
import { until } from '../support/wait-until';
import { seedLeaseTable } from '../../local/stand-ins/seed-lease-table';
import { openShardsForSeeding } from '../../local/stand-ins/stream-setup';
import { readArchiveLines, readPostRows } from '../../local/trace/delivery-reader';
import { reconcile } from '../../local/trace/reconciliation';
import { LOCAL_POSTS_TABLE } from '../../local/wiring/local-sinks';
import { sleep } from '../../common/sleep';
import { NullLogger } from '../../common/logger';
import { runMonitorCli } from '../../operator/monitor/monitor-cli';
import { E2E_BUCKET, e2eGenerations, E2eHarness } from '../support/e2e-harness';
import { E2eTraffic, expectExactlyOnce, summary } from '../support/e2e-delivery';

for (const generation of e2eGenerations())
  describe(`e2e (KCL ${generation}): enhanced fan-out`, function () {
    this.timeout(400_000);
    let harness: E2eHarness | undefined;
    let traffic: E2eTraffic | undefined;

    before(async () => {
      harness = await E2eHarness.start({ shards: 2, sinks: 'all', generation });
    });
    after(async () => {
      await traffic?.close().catch(() => undefined);
      await harness?.stop();
    });

    it('a polling and a fan-out application each read every record once', async () => {
      const h = harness as E2eHarness;
      const kinesis = h.stack.factory.kinesis();
      traffic = await E2eTraffic.open(h, 'fanout');
      const t = traffic;
      // The fan-out application: its own lease table (its name) and archive prefix; the same warehouse table.
      const fanoutApp = `${h.applicationName}-efo`;
      const fanoutPrefix = `${h.archivePrefix}-efo`;
      const fanoutLines = (): ReturnType<typeof readArchiveLines> =>
        readArchiveLines(h.stack.factory.s3(), E2E_BUCKET, `${fanoutPrefix}/raw/`);
      await seedLeaseTable(
        h.stack.factory.dynamodb(),
        fanoutApp,
        await openShardsForSeeding(kinesis, h.streamName),
        generation,
      );
      const base = h.daemonOptions('efo-worker');
      const polling = h.startDaemon('polling-worker');
      const fanout = h.startDaemon('efo-worker', {
        applicationName: fanoutApp,
        retrieval: 'fanout',
        env: {
          ...base.env,
          KCL_APPLICATION_NAME: fanoutApp,
          ARCHIVE_PREFIX: `${fanoutPrefix}/raw`,
          ARCHIVE_STATE_PREFIX: `${fanoutPrefix}/state`,
          ARCHIVE_ERROR_PREFIX: `${fanoutPrefix}/errors`,
        },
      });
      await Promise.all([
        polling.waitForLog(/Initialization complete/, 120_000),
        fanout.waitForLog(/Initialization complete/, 120_000),
      ]);
      // Half before the fan-out application has subscribed, half while its subscriptions are open.
      await t.send(400, 100);
      const subscribedBy = Date.now() + 120_000;
      while ((await fanoutLines()).length === 0) {
        if (Date.now() > subscribedBy) throw new Error('the fan-out application delivered nothing within 120 s');
        await sleep(500);
      }
      await t.send(400, 100);
      // The polling application's delivery (archive and table) first, then the fan-out application's archive.
      expectExactlyOnce(await t.waitForDelivery(240_000), 800);
      const postgresUrl = h.stack.endpoints.postgresUrl ?? '';
      const deadline = Date.now() + 240_000;
      let fanoutRun = reconcile(t.records, [], []);
      while (Date.now() < deadline) {
        fanoutRun = reconcile(
          t.records,
          await fanoutLines(),
          await readPostRows(postgresUrl, LOCAL_POSTS_TABLE, `${t.runId}-`),
        );
        if (fanoutRun.details.missingFromArchive.length === 0) break;
        await sleep(1_000);
      }
      const why = JSON.stringify(summary(fanoutRun));
      expect(fanoutRun.archived, why).to.equal(800);
      expect(fanoutRun.duplicates, why).to.equal(0);
      expect(fanoutRun.details.missingFromArchive, why).to.deep.equal([]);
      expect(fanoutRun.details.identityMismatches, why).to.deep.equal([]);
    });

    it("deregisters the fan-out application's consumer by command", async () => {
      const h = harness as E2eHarness;
      const out: string[] = [];
      const run = (): Promise<number> =>
        runMonitorCli(
          ['--app', `${h.applicationName}-efo`, '--stream', h.streamName, '--deregister-consumer', '--json'],
          {
            env: { AWS_REGION: h.stack.endpoints.region, AWS_ENDPOINT_URL_KINESIS: h.stack.endpoints.kinesis },
            print: (line) => out.push(line),
            printError: (line) => out.push(line),
            logger: new NullLogger(),
          },
        );
      expect(await run(), out.join('\n')).to.equal(0);
      expect(await run(), out.join('\n')).to.equal(0);
      const outcomes = out.map((line) => (JSON.parse(line) as { outcome: string }).outcome);
      expect(outcomes[0]).to.equal('deregistered');
      // The second call finds the consumer still DELETING or already gone, depending on when the stand-in ends it.
      expect(outcomes.slice(1)).to.have.length(1);
      expect(['already-deregistering', 'absent']).to.include(outcomes[1]);
    });
  });

for (const generation of e2eGenerations())
  describe(`e2e (KCL ${generation}): a split under enhanced fan-out`, function () {
    this.timeout(400_000);
    let harness: E2eHarness | undefined;
    let traffic: E2eTraffic | undefined;

    before(async () => {
      harness = await E2eHarness.start({ shards: 2, sinks: 'all', generation });
    });
    after(async () => {
      await traffic?.close().catch(() => undefined);
      await harness?.stop();
    });

    it('ends the parent (SHARD_END), reads both children, and archives every record once', async () => {
      const h = harness as E2eHarness;
      const kinesis = h.stack.factory.kinesis();
      traffic = await E2eTraffic.open(h, 'efo-split');
      const t = traffic;
      const daemon = h.startDaemon('efo-split-worker', { retrieval: 'fanout' });
      await daemon.waitForLog(/Initialization complete/, 120_000);

      const sending = t.send(800, 100);
      // Split while traffic flows, once some of it is loaded (so the parent carries records before the split).
      await until(async () => (await t.rowCount()) >= 100, 120_000, 'the first records to be loaded');
      const [parent] = (await listAllShards(kinesis, h.streamName)).filter(
        (s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined,
      );
      const low = BigInt(parent?.HashKeyRange?.StartingHashKey ?? '0');
      const high = BigInt(parent?.HashKeyRange?.EndingHashKey ?? '0');
      await kinesis.send(
        new SplitShardCommand({
          StreamName: h.streamName,
          ShardToSplit: parent?.ShardId,
          NewStartingHashKey: ((low + high) / 2n + 1n).toString(),
        }),
      );
      await waitForActive(kinesis, h.streamName);
      await sending;
      // More after the split, when the producer's shard map holds the children.
      await t.send(200, 100);
      expectExactlyOnce(await t.waitForDelivery(240_000), 1_000);

      const shards = await listAllShards(kinesis, h.streamName);
      const children = shards.filter((s) => s.ParentShardId === parent?.ShardId).map((s) => s.ShardId ?? '');
      expect(children, 'two children of the split shard').to.have.length(2);
      const leases = await h.waitForLeases(
        (ls) => ls.find((l) => l.leaseKey === parent?.ShardId)?.checkpoint === 'SHARD_END',
        60_000,
      );
      expect(leases.find((l) => l.leaseKey === parent?.ShardId)?.checkpoint).to.equal('SHARD_END');
      const rows = await readPostRows(h.stack.endpoints.postgresUrl ?? '', LOCAL_POSTS_TABLE, `${t.runId}-`);
      for (const child of children)
        expect(
          rows.filter((r) => r.shardId === child).length,
          `${child} delivered records after the split`,
        ).to.be.greaterThan(0);
      await daemon.stop(20_000);
      expectExactlyOnce(await t.reconcile(), 1_000);
    });
  });
