// How the decoder treats raw records, unusual but valid protobuf, and corrupt aggregates: always a result, never a throw.
import { expect } from 'chai';
import fc from 'fast-check';
import { decodeAggregate, encodeAggregate, KPL_MAGIC } from '../../../../common/kpl/aggregate-codec';
import { kplRecord } from '../../../support/kpl-arbitraries';
import { bytesField, frame, recordField, varint, varintField } from '../../../support/kpl-protobuf-writer';
import { decodedRecords, viewOf } from '../../../support/kpl-record-view';

function reasonOf(bytes: Uint8Array): string {
  const result = decodeAggregate(bytes);
  if (result.kind !== 'corrupt') throw new Error(`expected corrupt, got ${result.kind}`);
  return result.reason;
}

describe('KPL aggregate decoder', () => {
  describe('records that are not aggregates', () => {
    for (const [name, bytes] of [
      ['empty data', Buffer.alloc(0)],
      ['three magic bytes', KPL_MAGIC.subarray(0, 3)],
      ['tweet JSON', Buffer.from('{"id":"1","text":"hello"}')],
      ['magic with one byte changed', Buffer.concat([Buffer.from([0xf3, 0x89, 0x9a, 0xc3]), Buffer.alloc(40)])],
    ] as const) {
      it(`reports ${name} as not aggregated`, () => {
        expect(decodeAggregate(bytes)).to.deep.equal({ kind: 'not-aggregated' });
      });
    }
  });

  describe('valid protobuf in unusual shapes', () => {
    it('resolves indexes when records come before the key tables', () => {
      const bytes = frame(
        recordField(varintField(0x08, 1), varintField(0x10, 0), bytesField(0x1a, 'd')),
        bytesField(0x0a, 'p0'),
        bytesField(0x0a, 'p1'),
        bytesField(0x12, '99'),
      );
      expect(viewOf(decodedRecords(bytes))).to.deep.equal([
        { partitionKey: 'p1', explicitHashKey: '99', dataHex: '64' },
      ]);
    });

    it('skips tags and unknown fields of every wire type', () => {
      const tag = bytesField(0x22, bytesField(0x0a, 'tagkey'));
      const unknown = Buffer.concat([
        varintField(0x28, 300),
        Buffer.from([0x31]),
        Buffer.alloc(8),
        Buffer.from([0x3d]),
        Buffer.alloc(4),
        bytesField(0x42, 'x'),
      ]);
      const bytes = frame(
        unknown,
        bytesField(0x0a, 'k'),
        recordField(varintField(0x08, 0), tag, unknown, bytesField(0x1a, 'v')),
      );
      expect(viewOf(decodedRecords(bytes))).to.deep.equal([{ partitionKey: 'k', dataHex: '76' }]);
    });

    it('accepts a non-minimal (padded) varint index', () => {
      const bytes = frame(
        bytesField(0x0a, 'k'),
        recordField(Buffer.from([0x08, 0x80, 0x80, 0x00]), bytesField(0x1a, 'v')),
      );
      expect(decodeAggregate(bytes).kind).to.equal('aggregated');
    });
  });

  describe('corrupt aggregates', () => {
    const good = encodeAggregate([kplRecord('k', Buffer.from('value'), '5'), kplRecord('j', Buffer.from('other'))]);

    it('reports a bad MD5 as corrupt', () => {
      const bad = Buffer.from(good);
      bad[bad.length - 1] ^= 0xff;
      expect(reasonOf(bad)).to.match(/MD5/);
    });

    it('reports a changed protobuf byte as corrupt (MD5 no longer matches)', () => {
      const bad = Buffer.from(good);
      bad[8] ^= 0x01;
      expect(reasonOf(bad)).to.match(/MD5/);
    });

    it('reports the magic alone as corrupt', () => {
      expect(reasonOf(KPL_MAGIC)).to.match(/shorter than magic \+ MD5/);
    });

    it('reports a truncated protobuf with a valid MD5 as corrupt', () => {
      const protobuf = good.subarray(4, good.length - 16);
      expect(reasonOf(frame(protobuf.subarray(0, protobuf.length - 3)))).to.match(/runs past the end|truncated/);
    });

    it('reports a partition key index outside the table as corrupt', () => {
      expect(reasonOf(frame(bytesField(0x0a, 'k'), recordField(varintField(0x08, 1), bytesField(0x1a, 'v'))))).to.match(
        /partition_key_index 1 is outside the table of 1/,
      );
    });

    it('reports an explicit hash key index outside the table as corrupt', () => {
      expect(
        reasonOf(
          frame(bytesField(0x0a, 'k'), recordField(varintField(0x08, 0), varintField(0x10, 0), bytesField(0x1a, 'v'))),
        ),
      ).to.match(/explicit_hash_key_index 0 is outside the table of 0/);
    });

    it('reports a huge index (beyond 2^53) as corrupt', () => {
      const huge = Buffer.concat([
        Buffer.from([0x08]),
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
      ]);
      expect(reasonOf(frame(bytesField(0x0a, 'k'), recordField(huge, bytesField(0x1a, 'v'))))).to.match(
        /outside the table/,
      );
    });

    it('reports records that lack a required field as corrupt', () => {
      expect(reasonOf(frame(bytesField(0x0a, 'k'), recordField(bytesField(0x1a, 'v'))))).to.match(
        /lacks the required partition_key_index/,
      );
      expect(reasonOf(frame(bytesField(0x0a, 'k'), recordField(varintField(0x08, 0))))).to.match(
        /lacks the required data/,
      );
    });

    it('reports field number 0, group wire types and over-long varints as corrupt', () => {
      expect(reasonOf(frame(varint(0x02), varint(0)))).to.match(/field number 0/);
      expect(reasonOf(frame(Buffer.from([0x0b])))).to.match(/wire type 3/);
      expect(reasonOf(frame(Buffer.from([0x28]), Buffer.alloc(11, 0xff)))).to.match(/longer than 10 bytes/);
    });

    it('never throws on random bytes, with or without the magic and a valid MD5', () => {
      const shapes = fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([KPL_MAGIC, tail])),
        fc.uint8Array({ maxLength: 200 }).map((protobuf) => frame(Buffer.from(protobuf))),
      );
      fc.assert(
        fc.property(shapes, (bytes) => {
          const result = decodeAggregate(bytes);
          if (result.kind === 'corrupt') expect(result.reason).not.to.match(/^decoder failure/);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
