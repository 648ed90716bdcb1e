// Golden vectors built by aws-kinesis-agg (an independent implementation) decode exactly, and we encode them byte for byte.
import { expect } from 'chai';
import { decodeAggregate, encodeAggregate } from '../../../../common/kpl/aggregate-codec';
import { AggregateBuilder } from '../../../../common/kpl/aggregate-builder';
import { generateGoldenVectors, loadGoldenVectors, recordsOf } from '../../../support/kpl-golden-generator';
import { viewOf } from '../../../support/kpl-record-view';

function firstDifference(a: Buffer, b: Buffer): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}

describe('KPL golden vectors from aws-kinesis-agg', () => {
  const file = loadGoldenVectors();

  it('holds the vectors the generator produces today (regenerate with node dist/test/support/kpl-golden-generator.js)', () => {
    expect(generateGoldenVectors()).to.deep.equal(file);
    expect(file.vectors.length).to.be.at.least(20);
  });

  for (const vector of file.vectors) {
    describe(vector.name, () => {
      const aggregate = Buffer.from(vector.aggregateBase64, 'base64');

      it('decodes to exactly the records aws-kinesis-agg was given', () => {
        const result = decodeAggregate(aggregate);
        expect(result.kind).to.equal('aggregated');
        if (result.kind === 'aggregated') expect(viewOf(result.records)).to.deep.equal(viewOf(recordsOf(vector)));
      });

      it('encodes the same records to the same bytes, and the builder predicts that length', () => {
        const ours = encodeAggregate(recordsOf(vector));
        expect(ours.length, 'length').to.equal(aggregate.length);
        expect(firstDifference(ours, aggregate), 'first differing byte').to.equal(-1);
        const builder = new AggregateBuilder(Infinity);
        for (const record of recordsOf(vector)) builder.tryAdd(record);
        expect(builder.sizeBytes).to.equal(aggregate.length);
      });
    });
  }
});
