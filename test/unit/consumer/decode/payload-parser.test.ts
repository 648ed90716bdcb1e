// Decoding user records into posts, vehicle readings or rejections with a reason.
import { expect } from 'chai';
import { parsePayload } from '../../../../consumer/decode/payload-parser';
import { decodeDelivered } from '../../../../consumer/decode/record-decoder';
import { encodeAggregate } from '../../../../common/kpl/aggregate-codec';
import type { UserRecord } from '../../../../common/user-record';

const record = (data: string | Buffer): UserRecord => ({
  shardId: 'shardId-000000000000',
  sequenceNumber: '100',
  subSequenceNumber: 0,
  partitionKey: 'pk',
  approximateArrivalTimestamp: Date.UTC(2026, 10, 20),
  data: typeof data === 'string' ? Buffer.from(data) : data,
});

describe('parsePayload', () => {
  it('reads a tweet with numeric id, Twitter date, user object and entity hashtags', () => {
    const decoded = parsePayload(
      record(
        JSON.stringify({
          id: 1234567890,
          text: 'Me encanta la #ZBE 😍',
          lang: 'es',
          created_at: 'Wed Nov 18 10:00:00 +0000 2026',
          user: { screen_name: 'ana' },
          entities: { hashtags: [{ text: 'ZBE' }] },
        }),
      ),
    );
    expect(decoded.kind).to.equal('post');
    if (decoded.kind !== 'post') return;
    expect(decoded.post).to.deep.equal({
      id: '1234567890',
      text: 'Me encanta la #ZBE 😍',
      lang: 'es',
      createdAt: '2026-11-18T10:00:00.000Z',
      user: 'ana',
      hashtags: ['ZBE'],
    });
  });

  it('takes hashtags from the text and created_at from the arrival time when absent', () => {
    const decoded = parsePayload(record(JSON.stringify({ id_str: '7', text: 'so #LEZ much #LEZ #Madrid' })));
    expect(decoded.kind === 'post' && decoded.post.hashtags).to.deep.equal(['LEZ', 'Madrid']);
    expect(decoded.kind === 'post' && decoded.post.createdAt).to.equal('2026-11-20T00:00:00.000Z');
  });

  it('reads vehicle JSON and the legacy space-separated line', () => {
    const json = parsePayload(
      record(
        JSON.stringify({
          record_id: 'r1',
          timestamp: 1763632800,
          vin: '1HGCM82633A004352',
          lat: 40.4,
          lon: -3.7,
          speed: '55.5',
        }),
      ),
    );
    expect(json.kind === 'vehicle' && json.reading).to.deep.equal({
      recordId: 'r1',
      timestamp: '2025-11-20T10:00:00.000Z',
      vin: '1HGCM82633A004352',
      lat: 40.4,
      lon: -3.7,
      speed: 55.5,
    });
    const line = parsePayload(record('r2 2026-11-20T10:00:00Z 1hgcm82633a004352 40.4 -3.7 0'));
    expect(line.kind === 'vehicle' && line.reading.vin).to.equal('1HGCM82633A004352');
  });

  const rejections: Array<[string, string | Buffer, string]> = [
    ['empty data', '', 'empty'],
    ['bytes that are not UTF-8', Buffer.from([0xc3, 0x28]), 'invalid-utf8'],
    ['broken JSON', '{"text": ', 'invalid-json'],
    ['a JSON array', '[1,2]', 'unknown-shape'],
    ['a JSON object of another shape', '{"hello":"world"}', 'unknown-shape'],
    ['free text', 'just some words here', 'unknown-shape'],
    ['a post without id', '{"text":"hi"}', 'invalid-field'],
    ['a post with an impossible date', '{"id":"1","text":"hi","created_at":"yesterday-ish"}', 'invalid-field'],
    [
      'a vehicle out of range',
      '{"record_id":"1","timestamp":"2026-11-20T10:00:00Z","vin":"1HGCM82633A004352","lat":91,"lon":0,"speed":1}',
      'invalid-field',
    ],
    ['a legacy line with a bad VIN', 'r1 2026-11-20T10:00:00Z NOT-A-VIN 40 3 10', 'invalid-field'],
    [
      'a post whose text holds U+0000 (the warehouse refuses it on every retry)',
      '{"id":"1","text":"a\\u0000b"}',
      'invalid-field',
    ],
    ['a post with U+0000 in a hashtag', '{"id":"1","text":"a","hashtags":["x\\u0000"]}', 'invalid-field'],
    [
      'a post whose hashtag holds a lone low surrogate',
      '{"id":"1","text":"a","hashtags":["\\udc00ZBE"]}',
      'invalid-field',
    ],
    ['a post whose text ends in a lone high surrogate', '{"id":"1","text":"bad \\ud83d"}', 'invalid-field'],
    ['a post whose id holds a lone surrogate', '{"id":"\\udfff1","text":"a"}', 'invalid-field'],
    [
      'a post whose user holds a lone surrogate',
      '{"id":"1","text":"a","user":{"screen_name":"x\\udc00"}}',
      'invalid-field',
    ],
    [
      'a vehicle whose record_id holds a lone surrogate',
      '{"record_id":"\\ud800","timestamp":"2026-11-20T10:00:00Z","vin":"1HGCM82633A004352","lat":1,"lon":0,"speed":1}',
      'invalid-field',
    ],
  ];
  for (const [name, data, reason] of rejections) {
    it(`rejects ${name} as ${reason}`, () => {
      const decoded = parsePayload(record(data));
      expect(decoded.kind).to.equal('rejected');
      expect(decoded.kind === 'rejected' && decoded.reason).to.equal(reason);
    });
  }

  it('keeps every digit of a numeric id beyond 2^53 when id_str is absent, so two posts never share an id', () => {
    const ids = ['1879000000000000123', '1879000000000000124'];
    const parsed = ids.map((id) => parsePayload(record(`{"id": ${id}, "text": "hola #ley", "lang": "es"}`)));
    expect(parsed.map((p) => p.kind === 'post' && p.post.id)).to.deep.equal(ids);
    const withIdStr = parsePayload(record(`{"id": 1879000000000000123, "id_str": "1879000000000000123", "text": "a"}`));
    expect(withIdStr.kind === 'post' && withIdStr.post.id).to.equal('1879000000000000123');
  });

  it('keeps an id up to 1024 bytes whole and refuses a longer one rather than cutting a key', () => {
    const id = `at://did:web:${'a'.repeat(1024 - 'at://did:web:'.length)}`;
    const kept = parsePayload(record(JSON.stringify({ id, text: 'a' })));
    expect(kept.kind === 'post' && kept.post.id).to.equal(id);
    const refused = parsePayload(record(JSON.stringify({ id: `${id}b`, text: 'a' })));
    expect(refused.kind === 'rejected' && refused.detail).to.match(/id is longer than 1024 bytes/);
  });

  it('names the field and the surrogate of a hashtag no sink can store', () => {
    const decoded = parsePayload(record('{"id":"1","text":"a #ok","hashtags":["ok","\\udc00ZBE"]}'));
    expect(decoded.kind === 'rejected' && decoded.detail).to.match(
      /^hashtags\[1\] holds an unpaired surrogate U\+DC00 at index 0/,
    );
  });

  it('keeps posts whose surrogates are paired (emoji in text and hashtags)', () => {
    const decoded = parsePayload(record('{"id":"1","text":"\\ud83d\\ude00 ok","hashtags":["\\ud83d\\ude00"]}'));
    expect(decoded.kind).to.equal('post');
    expect(decoded.kind === 'post' && decoded.post.hashtags).to.deep.equal(['\u{1F600}']);
  });

  it('rejects records over the size limit before parsing', () => {
    const decoded = parsePayload(record('x'.repeat(11)), { maxRecordBytes: 10 });
    expect(decoded.kind === 'rejected' && decoded.reason).to.equal('too-large');
  });
});

describe('decodeDelivered', () => {
  const delivered = (data: Buffer, subSequenceNumber?: number) => ({
    data: data.toString('base64'),
    partitionKey: 'outer',
    sequenceNumber: '555',
    subSequenceNumber,
    approximateArrivalTimestamp: 1,
  });

  it('expands a KPL aggregate that bypassed the daemon (no sub-sequence number), with sub-sequence numbers 0..n-1', () => {
    const aggregate = encodeAggregate(
      [0, 1, 2].map((i) => ({
        partitionKey: `k${i}`,
        data: Buffer.from(JSON.stringify({ id: String(i), text: `t${i}` })),
      })),
    );
    const decoded = decodeDelivered('shard-1', delivered(aggregate));
    expect(
      decoded.map((item) => [
        item.kind,
        item.record.sequenceNumber,
        item.record.subSequenceNumber,
        item.record.partitionKey,
      ]),
    ).to.deep.equal([
      ['post', '555', 0, 'k0'],
      ['post', '555', 1, 'k1'],
      ['post', '555', 2, 'k2'],
    ]);
  });

  it('keeps a corrupt aggregate whole as one dead letter with its raw bytes', () => {
    const aggregate = encodeAggregate([
      { partitionKey: 'k', data: Buffer.from('x') },
      { partitionKey: 'k', data: Buffer.from('y') },
    ]);
    aggregate[aggregate.length - 1] ^= 1;
    const [decoded] = decodeDelivered('shard-1', delivered(aggregate));
    expect(decoded.kind === 'rejected' && decoded.reason).to.equal('corrupt-aggregate');
    expect(decoded.record.data.equals(aggregate)).to.equal(true);
  });

  it('keeps the daemon sub-sequence number of a record it de-aggregated itself', () => {
    const [decoded] = decodeDelivered('shard-1', delivered(Buffer.from('{"id":"1","text":"x"}'), 4));
    expect(decoded.record.subSequenceNumber).to.equal(4);
  });

  it('gives the four user records of two twice-aggregated parts four distinct identities, the same on every replay', () => {
    const inner = (ids: number[]) =>
      encodeAggregate(
        ids.map((i) => ({
          partitionKey: `k${i}`,
          data: Buffer.from(JSON.stringify({ id: String(i), text: `t${i}` })),
        })),
      );
    const parts = [delivered(inner([0, 1]), 0), delivered(inner([2, 3]), 1)];
    const decode = () => parts.flatMap((part) => decodeDelivered('shard-1', part));
    const first = decode();
    const identities = first.map((item) => `${item.record.sequenceNumber}/${item.record.subSequenceNumber}`);
    expect(new Set(identities).size).to.equal(4);
    expect(first.map((item) => item.kind === 'post' && item.post.id)).to.deep.equal(['0', '1', '2', '3']);
    expect(first.map((item) => item.record.subSequenceNumber)).to.deep.equal([
      2 ** 30,
      2 ** 30 + 1,
      2 ** 30 + 2 ** 15,
      2 ** 30 + 2 ** 15 + 1,
    ]);
    expect(decode().map((item) => item.record.subSequenceNumber)).to.deep.equal(
      first.map((item) => item.record.subSequenceNumber),
    );
    for (const item of first) expect(item.record.subSequenceNumber).to.be.at.most(2 ** 31 - 1);
  });

  it('keeps nested identities apart from the single-level parts of the same record', () => {
    const nested = encodeAggregate([
      { partitionKey: 'a', data: Buffer.from('{"id":"a","text":"a"}') },
      { partitionKey: 'b', data: Buffer.from('{"id":"b","text":"b"}') },
    ]);
    const decoded = [
      ...decodeDelivered('shard-1', delivered(nested, 0)),
      ...decodeDelivered('shard-1', delivered(Buffer.from('{"id":"c","text":"c"}'), 1)),
    ];
    expect(new Set(decoded.map((item) => item.record.subSequenceNumber)).size).to.equal(3);
    expect(decoded[2].record.subSequenceNumber).to.equal(1);
  });

  it('dead-letters a part whose nested identities would not fit, keeping its raw bytes', () => {
    const nested = encodeAggregate([{ partitionKey: 'a', data: Buffer.from('x') }]);
    const [decoded] = decodeDelivered('shard-1', delivered(nested, 2 ** 15));
    expect(decoded.kind === 'rejected' && decoded.reason).to.equal('nested-aggregate-too-large');
    expect(decoded.record.subSequenceNumber).to.equal(2 ** 15);
    expect(decoded.record.data.equals(nested)).to.equal(true);
  });
});
