// parseFailureRecord: the Lambda on-failure invocation record of a Kinesis batch, as the Lambda Developer Guide documents it.
import { expect } from 'chai';
import { parseFailureRecord } from '../../../analytics/redrive/lambda-failure-record';
import { LambdaFailureRecordError } from '../../../analytics/redrive/redrive-errors';

const DOC = {
  requestContext: {
    requestId: 'c9b8fa9f-5a7f-4fca-a45b-4b2dc8f4b1f4',
    functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:consumer',
    condition: 'RetryAttemptsExhausted',
    approximateInvokeCount: 3,
  },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: '2026-12-06T18:00:00.000Z',
  KinesisBatchInfo: {
    shardId: 'shardId-000000000003',
    startSequenceNumber: '49630081666084879290581185630324770398608704880802529282',
    endSequenceNumber: '49630081666084879290581185630336860657608190069548466178',
    approximateArrivalOfFirstRecord: '2026-12-06T17:59:58.000Z',
    approximateArrivalOfLastRecord: '2026-12-06T17:59:59.000Z',
    batchSize: 500,
    streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/city-posts',
  },
};

describe('parseFailureRecord', () => {
  it('reads the shard, the inclusive sequence range, the stream name from its ARN and the condition', () => {
    expect(parseFailureRecord('m1', JSON.stringify(DOC))).to.deep.equal({
      streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/city-posts',
      streamName: 'city-posts',
      shardId: 'shardId-000000000003',
      startSequenceNumber: DOC.KinesisBatchInfo.startSequenceNumber,
      endSequenceNumber: DOC.KinesisBatchInfo.endSequenceNumber,
      batchSize: 500,
      condition: 'RetryAttemptsExhausted',
    });
  });

  it('refuses what is not a Kinesis failure record, naming the message and every problem', () => {
    expect(() => parseFailureRecord('m2', 'not json')).to.throw(LambdaFailureRecordError, 'm2: the body is not JSON');
    expect(() => parseFailureRecord('m3', JSON.stringify({ DDBStreamBatchInfo: {} }))).to.throw(/no KinesisBatchInfo/);
    const bad = {
      ...DOC,
      KinesisBatchInfo: { ...DOC.KinesisBatchInfo, streamArn: 'city-posts', endSequenceNumber: 'x' },
    };
    expect(() => parseFailureRecord('m4', JSON.stringify(bad))).to.throw(
      /streamArn is missing or malformed; .*endSequenceNumber/,
    );
    const reversed = {
      ...DOC,
      KinesisBatchInfo: { ...DOC.KinesisBatchInfo, startSequenceNumber: '9', endSequenceNumber: '1' },
    };
    expect(() => parseFailureRecord('m5', JSON.stringify(reversed))).to.throw(/after endSequenceNumber/);
  });
});
