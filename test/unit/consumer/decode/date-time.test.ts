// The date-time forms producers send, and the garbage that must stay rejected.
import { expect } from 'chai';
import { parseDateTime } from '../../../../consumer/decode/date-time';
import { parsePayload } from '../../../../consumer/decode/payload-parser';

const at = (iso: string): number => Date.parse(iso);

describe('parseDateTime', () => {
  const accepted: Array<[string | number, string]> = [
    ['2026-11-28T08:05:13Z', '2026-11-28T08:05:13.000Z'],
    ['2026-11-28T08:05:13', '2026-11-28T08:05:13.000Z'],
    ['2026-11-28 08:05:13', '2026-11-28T08:05:13.000Z'],
    ['2026-11-28 08:05:13.250000', '2026-11-28T08:05:13.250Z'],
    ['2026-11-28T08:05:13.25+01:00', '2026-11-28T07:05:13.250Z'],
    ['2026-11-28 08:05:13.250000-08:00', '2026-11-28T16:05:13.250Z'],
    ['2026-11-28T08:05:13+0530', '2026-11-28T02:35:13.000Z'],
    ['2026-11-28T08:05', '2026-11-28T08:05:00.000Z'],
    ['2026-11-28', '2026-11-28T00:00:00.000Z'],
    ['1795853113', '2026-11-28T08:05:13.000Z'],
    ['1795853113250', '2026-11-28T08:05:13.250Z'],
    [1795853113.25, '2026-11-28T08:05:13.250Z'],
    ['Sat Nov 28 08:05:13 +0000 2026', '2026-11-28T08:05:13.000Z'],
    ['Sat, 28 Nov 2026 08:05:13 GMT', '2026-11-28T08:05:13.000Z'],
  ];
  for (const [input, iso] of accepted) {
    it(`reads ${JSON.stringify(input)}`, () => expect(parseDateTime(input)).to.equal(at(iso)));
  }

  for (const garbage of [
    'yesterday-ish',
    '2026-13-01',
    '2026-02-30',
    '2026-11-28T25:00',
    '2026-11-28T08:05:13+25:00',
    '12/11/2026',
    'NaN',
    '1 2',
    '',
    '2026-11-28T08:05:13 Europe/Madrid',
    -5,
  ]) {
    it(`rejects ${JSON.stringify(garbage)}`, () => expect(parseDateTime(garbage)).to.equal(undefined));
  }
});

describe('the legacy telematics line with a date-time', () => {
  const record = (line: string) => ({
    shardId: 'shardId-000000000000',
    sequenceNumber: '1',
    subSequenceNumber: 0,
    partitionKey: 'pk',
    approximateArrivalTimestamp: 0,
    data: Buffer.from(line),
  });

  it('reads the seven-token line Python str(datetime) produces', () => {
    const decoded = parsePayload(record('a1b2c3 2026-11-28 08:05:13.250000 1HGCM82633A004352 32.7157 -117.1611 54'));
    expect(decoded.kind).to.equal('vehicle');
    expect(decoded.kind === 'vehicle' && decoded.reading).to.deep.equal({
      recordId: 'a1b2c3',
      timestamp: '2026-11-28T08:05:13.250Z',
      vin: '1HGCM82633A004352',
      lat: 32.7157,
      lon: -117.1611,
      speed: 54,
    });
  });

  it('reads an aware datetime, epoch seconds and epoch milliseconds in the timestamp field', () => {
    for (const stamp of [
      '2026-11-28 08:05:13.250000+00:00',
      '1795853113.25',
      '1795853113250',
      '2026-11-28T08:05:13.25Z',
    ]) {
      const decoded = parsePayload(record(`r1 ${stamp} 1HGCM82633A004352 32.7 -117.1 54`));
      expect(decoded.kind === 'vehicle' && decoded.reading.timestamp, stamp).to.equal('2026-11-28T08:05:13.250Z');
    }
  });

  it('keeps rejecting seven tokens that are not a split date-time, and a bad time', () => {
    expect(parsePayload(record('a1 b2 c3 1HGCM82633A004352 32.7 -117.1 54')).kind === 'rejected').to.equal(true);
    const badTime = parsePayload(record('a1 2026-11-28 8h05 1HGCM82633A004352 32.7 -117.1 54'));
    expect(badTime.kind === 'rejected' && badTime.reason).to.equal('invalid-field');
    const words = parsePayload(record('the quick brown fox jumps over dogs'));
    expect(words.kind === 'rejected' && words.reason).to.equal('unknown-shape');
  });
});
