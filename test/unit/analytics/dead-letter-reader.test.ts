// The dead-letter reader's pure parts: which folders a reason and period list, and the lines it accepts.
import { expect } from 'chai';
import { deadLetterPrefixes, parseDeadLetters } from '../../../analytics/redrive/dead-letter-reader';
import { RedriveInputError } from '../../../analytics/redrive/redrive-errors';

describe('dead-letter reader', () => {
  it('lists the hour folders of the period and the hour before, or the whole reason folder', () => {
    const period = { fromMs: Date.UTC(2026, 11, 6, 10, 30), toMs: Date.UTC(2026, 11, 6, 12, 0) };
    expect(deadLetterPrefixes('errors', 'too-large', period)).to.deep.equal([
      'errors/too-large/2026/12/06/09/',
      'errors/too-large/2026/12/06/10/',
      'errors/too-large/2026/12/06/11/',
    ]);
    expect(deadLetterPrefixes('errors/', 'too-large')).to.deep.equal(['errors/too-large/']);
    expect(deadLetterPrefixes('errors', 'too-large', { fromMs: 0, toMs: period.toMs })).to.deep.equal([
      'errors/too-large/',
    ]);
  });

  it('reads the lines the archive sink writes and refuses any other, naming the object and the line', () => {
    const line = {
      shardId: 'shardId-000000000001',
      sequenceNumber: '4959',
      subSequenceNumber: 2,
      partitionKey: 'user7',
      approximateArrivalTimestamp: 1_796_000_000_000,
      reason: 'too-large',
      detail: '2000000 bytes',
      data: Buffer.from('{}').toString('base64'),
    };
    expect(parseDeadLetters('k', Buffer.from(`${JSON.stringify(line)}\n`))).to.deep.equal([line]);
    expect(() => parseDeadLetters('k', Buffer.from(`${JSON.stringify(line)}\n{oops\n`))).to.throw(
      RedriveInputError,
      'dead-letter object k: line 2 is not JSON',
    );
    expect(() => parseDeadLetters('k', Buffer.from(JSON.stringify({ ...line, data: undefined })))).to.throw(
      /line 1 lacks/,
    );
  });
});
