// Forgetting records inside KPL aggregates: the slot is emptied, every other record keeps its position and bytes.
import { expect } from 'chai';
import { decodeAggregate, encodeAggregate } from '../../../../common/kpl/aggregate-codec';
import { scrubAggregate } from '../../../../analytics/erasure/aggregate-scrub';
import { payloadMatches, targetNeedles, type ForgetTarget } from '../../../../analytics/erasure/forget-target';
import { scrubLines } from '../../../../analytics/erasure/line-scrub';

const target: ForgetTarget = { source: 'x', postIds: new Set(['42']), users: new Set(['ana']) };
const post = (id: string, user: string, source = 'x'): Buffer =>
  Buffer.from(JSON.stringify({ id, text: 'hola', user, source }), 'utf8');
const matches = (data: Uint8Array): boolean => payloadMatches(data, target);

describe('erasure: records inside KPL aggregates', () => {
  it('empties the slot of each matching record and keeps the others at their positions, byte for byte', () => {
    const records = [
      { partitionKey: 'p0', data: post('1', 'luis') },
      { partitionKey: 'ana', explicitHashKey: '123', data: post('2', 'ana') },
      { partitionKey: 'p2', explicitHashKey: '99', data: post('42', 'eva') },
      { partitionKey: 'p3', data: post('3', 'ana', 'instagram') },
    ];
    const result = scrubAggregate(encodeAggregate(records), matches);
    if (result.kind !== 'scrubbed') throw new Error(`expected scrubbed, got ${result.kind}`);
    expect(result.emptied).to.equal(2);
    const decoded = decodeAggregate(result.bytes);
    if (decoded.kind !== 'aggregated') throw new Error('not a valid aggregate');
    expect(
      decoded.records.map((r) => [r.partitionKey, r.explicitHashKey, Buffer.from(r.data).toString()]),
    ).to.deep.equal([
      ['p0', undefined, post('1', 'luis').toString()],
      ['', undefined, ''],
      ['', undefined, ''],
      ['p3', undefined, post('3', 'ana', 'instagram').toString()],
    ]);
  });

  it('scrubs an aggregate nested inside another (a producer that aggregated twice)', () => {
    const inner = encodeAggregate([
      { partitionKey: 'a', data: post('7', 'ana') },
      { partitionKey: 'b', data: post('8', 'luis') },
    ]);
    const outer = encodeAggregate([{ partitionKey: 'o', data: inner }]);
    const result = scrubAggregate(outer, matches);
    if (result.kind !== 'scrubbed') throw new Error(result.kind);
    const decoded = decodeAggregate(result.bytes);
    if (decoded.kind !== 'aggregated') throw new Error('outer not valid');
    const nested = decodeAggregate(decoded.records[0].data);
    if (nested.kind !== 'aggregated') throw new Error('inner not valid');
    expect(nested.records.map((r) => r.data.length === 0)).to.deep.equal([true, false]);
  });

  it('leaves an aggregate without the target unchanged and says when one cannot be read', () => {
    expect(scrubAggregate(encodeAggregate([{ partitionKey: 'a', data: post('1', 'luis') }]), matches).kind).to.equal(
      'unchanged',
    );
    expect(scrubAggregate(post('42', 'ana'), matches).kind, 'not an aggregate').to.equal('unchanged');
    const broken = Buffer.concat([
      encodeAggregate([{ partitionKey: 'a', data: post('1', 'x') }]).subarray(0, 6),
      Buffer.alloc(16),
    ]);
    expect(scrubAggregate(broken, matches).kind).to.equal('unreadable');
  });
});

describe('erasure: NDJSON lines', () => {
  const line = (data: Buffer, seq: number): string =>
    JSON.stringify({
      shardId: 's',
      sequenceNumber: String(seq),
      subSequenceNumber: 0,
      dataEncoding: 'utf8',
      data: data.toString(),
    });

  it('drops the lines of the target and keeps every other line as the same string', () => {
    const lines = [
      line(post('1', 'luis'), 1),
      line(post('42', 'eva'), 2),
      line(post('3', 'ana'), 3),
      line(post('4', 'luis'), 4),
    ];
    const result = scrubLines(`${lines.join('\n')}\n`, 'archive', target, targetNeedles(target));
    expect(result.text).to.equal(`${lines[0]}\n${lines[3]}\n`);
    expect(result).to.include({ linesRemoved: 2, linesKept: 2 });
  });

  it('reports no change when nothing matches, and an empty text when everything does', () => {
    expect(scrubLines(`${line(post('1', 'luis'), 1)}\n`, 'archive', target, undefined).text).to.equal(undefined);
    expect(scrubLines(`${line(post('42', 'luis'), 1)}\n`, 'archive', target, undefined).text).to.equal('');
  });

  it('uses needles only for plain ids and names', () => {
    expect(targetNeedles(target)).to.deep.equal(['42', 'ana']);
    expect(targetNeedles({ ...target, users: new Set(['señora']) })).to.equal(undefined);
  });
});
