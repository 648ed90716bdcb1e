// Unit tests of the demo/e2e reconciliation: counts, duplicates, missing ids, foreign lines, identity agreement, latency percentiles.
import { expect } from 'chai';
import { reconcile } from '../../../../local/trace/reconciliation';
import type { DeliveredLine, DeliveredRow } from '../../../../local/trace/delivery-reader';
import type { TracedRecord } from '../../../../local/trace/traced-producer';

const produced = (id: string, seq: string, sub: number | undefined, at = 1_000): TracedRecord => ({
  id,
  producedAtMs: at,
  acceptedAtMs: at,
  result: { shardId: 's1', sequenceNumber: seq, ...(sub === undefined ? {} : { subSequenceNumber: sub }), attempts: 1 },
});
const line = (id: string, seq: string, sub: number): DeliveredLine => ({
  key: 'k',
  lastModifiedMs: 0,
  line: {
    shardId: 's1',
    sequenceNumber: seq,
    subSequenceNumber: sub,
    partitionKey: 'p',
    approximateArrivalTimestamp: 0,
    dataEncoding: 'utf8',
    data: JSON.stringify({ id, text: 'x' }),
  },
});
const row = (id: string, seq: string, sub: number, loadedAtMs = 2_000): DeliveredRow => ({
  postId: id,
  shardId: 's1',
  sequenceNumber: seq,
  subSequenceNumber: sub,
  loadedAtMs,
});

describe('reconcile', () => {
  it('counts every id once in both sinks as exact, with latency from produce to load', () => {
    const r = reconcile(
      [produced('a', '1', 0), produced('b', '1', 1, 1_500)],
      [line('a', '1', 0), line('b', '1', 1)],
      [row('a', '1', 0, 2_000), row('b', '1', 1, 4_500)],
    );
    expect(r).to.deep.include({
      produced: 2,
      archived: 2,
      loaded: 2,
      duplicates: 0,
      missing: 0,
      p50LatencyMs: 1_000,
      p95LatencyMs: 3_000,
    });
    expect(r.details.identityMismatches).to.deep.equal([]);
  });

  it('treats a raw record (no sub-sequence) as sub-sequence 0', () => {
    expect(
      reconcile([produced('a', '7', undefined)], [line('a', '7', 0)], [row('a', '7', 0)]).details.identityMismatches,
    ).to.deep.equal([]);
  });

  it('reports duplicates per sink, missing ids, foreign lines and identities that disagree', () => {
    const r = reconcile(
      [produced('a', '1', 0), produced('b', '1', 1), produced('c', '2', 0)],
      [line('a', '1', 0), line('a', '1', 0), line('b', '9', 1), line('zz', '3', 0)],
      [row('a', '1', 0), row('b', '1', 1), row('b', '1', 1)],
    );
    expect(r).to.deep.include({ archived: 2, loaded: 2, duplicates: 2, missing: 1 });
    expect(r.details).to.deep.include({
      archiveDuplicates: 1,
      tableDuplicates: 1,
      unexpected: 1,
      missingFromArchive: ['c'],
      missingFromTable: ['c'],
      identityMismatches: ['b'],
    });
  });
});
