// measureFreshness: per-stage latencies, the cold-start window, first copies only, records that never arrived.
import { expect } from 'chai';
import { formatFreshness, latencyStats, measureFreshness } from '../../../../local/trace/freshness';
import type { DeliveredLine, DeliveredRow } from '../../../../local/trace/delivery-reader';
import type { TracedRecord } from '../../../../local/trace/traced-producer';

const START = 1_000_000;

const traced = (id: string, producedAtMs: number, acceptedAfterMs = 100): TracedRecord => ({
  id,
  producedAtMs,
  acceptedAtMs: producedAtMs + acceptedAfterMs,
  result: { shardId: 's1', sequenceNumber: '1', attempts: 1 },
});

const line = (id: string, arrival: number, receivedAt: number | undefined, storedAt: number): DeliveredLine => ({
  key: `raw/${id}`,
  lastModifiedMs: storedAt,
  line: {
    shardId: 's1',
    sequenceNumber: '1',
    subSequenceNumber: 0,
    partitionKey: 'k',
    approximateArrivalTimestamp: arrival,
    ...(receivedAt === undefined ? {} : { receivedAt }),
    dataEncoding: 'utf8',
    data: JSON.stringify({ id }),
  },
});

const row = (id: string, loadedAtMs: number): DeliveredRow => ({
  postId: id,
  shardId: 's1',
  sequenceNumber: '1',
  subSequenceNumber: 0,
  loadedAtMs,
});

describe('measureFreshness', () => {
  it('measures each stage from its own start and splits cold start from steady state', () => {
    const coldAt = START + 5_000;
    const steadyAt = START + 70_000;
    const report = measureFreshness(
      [traced('a', coldAt), traced('b', steadyAt)],
      [
        line('a', coldAt + 100, coldAt + 9_000, coldAt + 10_000),
        line('b', steadyAt + 100, steadyAt + 400, steadyAt + 1_400),
      ],
      [row('a', coldAt + 10_500), row('b', steadyAt + 1_600)],
      { pipelineStartedAtMs: START },
    );
    expect(report.coldStart.endToEnd).to.deep.equal({ count: 1, p50: 10_500, p95: 10_500, p99: 10_500, max: 10_500 });
    expect(report.coldStart.delivered.p95).to.equal(8_900);
    expect(report.steadyState.accepted.p95).to.equal(100);
    expect(report.steadyState.delivered.p95).to.equal(300);
    expect(report.steadyState.archived.p95).to.equal(1_000);
    expect(report.steadyState.loaded.p95).to.equal(1_200);
    expect(report.steadyState.endToEnd.p95).to.equal(1_600);
    expect(report.dominantStage).to.equal('loaded');
  });

  it('counts only the first copy of a duplicated line or row', () => {
    const at = START + 90_000;
    const report = measureFreshness(
      [traced('a', at)],
      [line('a', at, at + 100, at + 500), line('a', at, at + 5_000, at + 9_000)],
      [row('a', at + 700), row('a', at + 9_500)],
      { pipelineStartedAtMs: START },
    );
    expect(report.steadyState.archived.max).to.equal(400);
    expect(report.steadyState.endToEnd.max).to.equal(700);
  });

  it('leaves records that never arrived out of the stages they did not reach', () => {
    const at = START + 90_000;
    const report = measureFreshness(
      [traced('a', at), traced('b', at + 1)],
      [line('a', at, undefined, at + 500)],
      [row('a', at + 700)],
      { pipelineStartedAtMs: START },
    );
    expect(report.steadyState.accepted.count).to.equal(2);
    expect(report.steadyState.delivered.count).to.equal(0, 'a line without receivedAt has no delivery time');
    expect(report.steadyState.endToEnd.count).to.equal(1);
  });

  it('reports the produced rate of each part and prints one line per part', () => {
    const records = Array.from({ length: 11 }, (_, i) => traced(`r${i}`, START + 61_000 + i * 100));
    const report = measureFreshness(
      records,
      [],
      records.map((r) => row(r.id, r.producedAtMs + 50)),
      { pipelineStartedAtMs: START },
    );
    expect(report.steadyState.producedPerSecond).to.equal(11);
    expect(report.coldStart.producedPerSecond).to.equal(0);
    expect(formatFreshness(report)).to.have.length(3);
  });
});

describe('latencyStats', () => {
  it('takes nearest-rank percentiles and the maximum', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencyStats(values)).to.deep.equal({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(latencyStats([])).to.deep.equal({ count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});
