// runProducer over the null transport: stops at the count, keys JSONL lines by a field, counts failures by code.
import { expect } from 'chai';
import { NullTransport } from '../../../../producer/transport/null-transport';
import { partitionKeyOf } from '../../../../producer/cli/record-source';
import { runProducer } from '../../../../producer/cli/run-producer';

async function* lines(items: readonly string[]): AsyncGenerator<string> {
  for (const item of items) yield item;
}

describe('runProducer', () => {
  it('sends exactly --count sample records and reports them stored', async () => {
    const transport = new NullTransport(undefined, true);
    const summary = await runProducer({
      source: { kind: 'sample', sample: 'mixed' },
      streamName: 's',
      transport,
      count: 1_234,
    });
    expect(summary).to.include({ sent: 1_234, succeeded: 1_234, failed: 0 });
    expect(summary.stats.userRecordsPerKinesisRecord).to.be.greaterThan(1);
  });

  it('sends every non-empty line of a JSONL source and counts invalid records by error code', async () => {
    const summary = await runProducer({
      source: {
        kind: 'lines',
        lines: lines(['{"id":"1","user":{"id":"u1"}}', '', 'plain text', 'x'.repeat(1024 * 1024 + 1)]),
        partitionKeyField: 'user.id',
      },
      streamName: 's',
      transport: new NullTransport(),
    });
    expect(summary).to.include({ sent: 3, succeeded: 2, failed: 1 });
    expect(summary.failuresByCode).to.deep.equal({ INVALID_USER_RECORD: 1 });
  });

  it('takes the partition key from a dotted JSON field, else a random one', () => {
    expect(partitionKeyOf('{"user":{"id":"u7"}}', 'user.id')).to.equal('u7');
    expect(partitionKeyOf('{"user":{}}', 'user.id')).to.match(/^[0-9a-f-]{36}$/);
    expect(partitionKeyOf('not json', 'user.id')).to.match(/^[0-9a-f-]{36}$/);
  });
});
