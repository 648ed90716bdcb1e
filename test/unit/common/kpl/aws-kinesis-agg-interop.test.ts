// Interoperability with aws-kinesis-agg both ways, on random inputs that avoid its known bugs (see known-bugs test).
import { expect } from 'chai';
import fc from 'fast-check';
import { encodeAggregate } from '../../../../common/kpl/aggregate-codec';
import { decodeWithAwsKinesisAgg, encodeWithAwsKinesisAgg } from '../../../support/kpl-agg-adapter';
import { aggSafeHashKeyArb, aggSafeKeyArb, recordsArb } from '../../../support/kpl-arbitraries';
import { decodedRecords, viewOf } from '../../../support/kpl-record-view';

describe('KPL interoperability with aws-kinesis-agg', () => {
  // Its deaggregator gives records without an explicit hash key the first table entry when the table is not
  // empty, so each aggregate here has explicit hash keys on all records or on none. Any keys work that way.
  for (const mode of ['all', 'none'] as const) {
    it(`aws-kinesis-agg deaggregates our encodings exactly (explicit hash keys on ${mode} records)`, () => {
      fc.assert(
        fc.property(recordsArb({ explicitHashKeys: mode }), (records) => {
          expect(viewOf(decodeWithAwsKinesisAgg(encodeAggregate(records)))).to.deep.equal(viewOf(records));
        }),
        { numRuns: 150 },
      );
    });
  }

  // Its aggregator mishandles integer-like (partition or hash), empty and Object.prototype keys; mixing is fine.
  it('we decode its encodings exactly and encode the same records to the same bytes', () => {
    fc.assert(
      fc.property(
        recordsArb({ keys: aggSafeKeyArb, hashKeys: aggSafeHashKeyArb }).filter((records) => records.length > 0),
        (records) => {
          const theirs = encodeWithAwsKinesisAgg(records);
          expect(viewOf(decodedRecords(theirs))).to.deep.equal(viewOf(records));
          expect(encodeAggregate(records).equals(theirs)).to.equal(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
