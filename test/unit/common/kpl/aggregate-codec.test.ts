// Round trips and exact wire format of the KPL aggregate encoder and decoder.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { decodeAggregate, encodeAggregate, KPL_MAGIC } from '../../../../common/kpl/aggregate-codec';
import { kplRecord, recordsArb, TRICKY_KEYS } from '../../../support/kpl-arbitraries';
import { decodedRecords, viewOf } from '../../../support/kpl-record-view';

describe('KPL aggregate codec', () => {
  it('round-trips any records: unicode, integer-like, __proto__ and empty keys, empty data, mixed explicit hash keys', () => {
    fc.assert(
      fc.property(recordsArb(), (records) => {
        expect(viewOf(decodedRecords(encodeAggregate(records)))).to.deep.equal(viewOf(records));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every tricky key, each with and without an explicit hash key', () => {
    const records = TRICKY_KEYS.flatMap((key, i) => [
      kplRecord(key, Buffer.from([i])),
      kplRecord(key, new Uint8Array(0), String(i)),
    ]);
    expect(viewOf(decodedRecords(encodeAggregate(records)))).to.deep.equal(viewOf(records));
  });

  it('writes magic, then the protobuf, then the MD5 of exactly the protobuf bytes', () => {
    const bytes = encodeAggregate([kplRecord('k', Buffer.from('v'))]);
    expect(bytes.subarray(0, 4)).to.deep.equal(KPL_MAGIC);
    const protobuf = bytes.subarray(4, bytes.length - 16);
    expect(bytes.subarray(bytes.length - 16)).to.deep.equal(createHash('md5').update(protobuf).digest());
  });

  it('writes the required partition_key_index 0 and empty data fields explicitly', () => {
    const bytes = encodeAggregate([kplRecord('a', new Uint8Array(0))]);
    // 0a 01 'a' (key table) | 1a 04 (record of 4 bytes) 08 00 (index 0) 1a 00 (empty data)
    expect(bytes.subarray(4, bytes.length - 16).toString('hex')).to.equal('0a01611a0408001a00');
  });

  it('stores each partition key and explicit hash key once, in first-seen order', () => {
    const records = [
      kplRecord('b', Buffer.from('1'), '7'),
      kplRecord('a', Buffer.from('2'), '7'),
      kplRecord('b', Buffer.from('3')),
    ];
    const protobufHex = encodeAggregate(records).subarray(4, -16).toString('hex');
    expect(protobufHex.startsWith('0a01620a0161120137')).to.equal(true); // "b", "a", then ehk "7"
    expect(protobufHex.match(/0a0162/g)).to.have.length(1);
  });

  it('encodes an empty list as an aggregate of no records', () => {
    const result = decodeAggregate(encodeAggregate([]));
    expect(result).to.deep.equal({ kind: 'aggregated', records: [] });
  });

  it('measures keys in UTF-8 bytes, not UTF-16 code units', () => {
    const astral = '😀'.repeat(40); // 80 UTF-16 units, 160 UTF-8 bytes: a two-byte length varint
    const bytes = encodeAggregate([kplRecord(astral, Buffer.from('x'))]);
    expect(bytes.subarray(4, 7).toString('hex')).to.equal('0aa001');
    expect(decodedRecords(bytes)[0].partitionKey).to.equal(astral);
  });

  it('decodes from a plain Uint8Array view at a non-zero offset', () => {
    const encoded = encodeAggregate([kplRecord('pk', Buffer.from('data'), '123')]);
    const backing = new Uint8Array(encoded.length + 8);
    backing.set(encoded, 5);
    const view = new Uint8Array(backing.buffer, 5, encoded.length);
    expect(viewOf(decodedRecords(view))).to.deep.equal([
      { partitionKey: 'pk', explicitHashKey: '123', dataHex: '64617461' },
    ]);
  });
});
