// The checkpoint monitor's view hosted by the dashboard server: the page and the JSON of the newest report, and a 503 when observing fails.
import { expect } from 'chai';
import type { RunningDashboard } from '../../../../reporting/dashboard/dashboard-server';
import type { CheckpointReport } from '../../../../operator/monitor/checkpoint-status';
import type { CheckpointView } from '../../../../operator/monitor/checkpoint-view';
import { InMemorySelectionReader } from '../../reporting/posts/in-memory-selection-reader';
import { startTestDashboard } from '../../../support/test-dashboard';

const REPORT: CheckpointReport = {
  observedAt: '2026-11-30T06:00:00.000Z',
  application: 'app<1>',
  streamName: 'tweets',
  shards: [
    {
      shardId: 'shardId-000000000000',
      open: true,
      parentShardId: null,
      leaseOwner: 'worker-a',
      leaseCounter: 7,
      checkpoint: '4960',
      checkpointSubSequenceNumber: 0,
      checkpointOwner: null,
      throughputKBps: null,
      lag: { timeBehindMs: 95_000, recordsBehind: 12, recordsBehindCapped: false, millisBehindLatest: 0 },
      counterUnchangedMs: null,
      staleLease: false,
      status: 'lagging',
    },
  ],
  summary: { openShards: 1, maxTimeBehindMs: 95_000, staleLeases: 0, shardsWithoutLease: 0 },
};

describe('checkpoint view on the dashboard server', () => {
  let failing = false;
  const view: CheckpointView = {
    target: { application: 'app<1>', streamName: 'tweets' },
    report: () => (failing ? Promise.reject(new Error('dynamodb down')) : Promise.resolve(REPORT)),
  };
  let server: RunningDashboard;
  before(async () => {
    server = await startTestDashboard(new InMemorySelectionReader(), { refreshSeconds: 5, checkpoints: view });
  });
  after(() => server.close());

  it('serves the per-shard owner and lag as a page that refreshes itself, names escaped', async () => {
    const response = await fetch(`${server.url}checkpoints`);
    const html = await response.text();
    expect(response.status).to.equal(200);
    expect(html)
      .to.contain('<meta http-equiv="refresh" content="5">')
      .and.contain('worker-a')
      .and.contain('95.0s')
      .and.contain('lagging');
    expect(html).to.contain('app&#60;1&#62;').and.not.contain('app<1>');
  });

  it('serves the report as JSON, and 503 with no detail when the lease table cannot be read', async () => {
    const json = (await (await fetch(`${server.url}api/checkpoints`)).json()) as CheckpointReport;
    expect(json.shards[0]?.leaseOwner).to.equal('worker-a');
    failing = true;
    const down = await fetch(`${server.url}api/checkpoints`);
    expect(down.status).to.equal(503);
    expect(await down.text()).to.not.contain('dynamodb down');
  });

  it("leaves the dashboard's own routes alone", async () => {
    expect((await fetch(`${server.url}healthz`)).status).to.equal(200);
  });
});
