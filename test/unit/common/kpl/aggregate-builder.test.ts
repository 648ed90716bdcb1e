// AggregateBuilder: exact size accounting against the encoder, the byte limit, and the lone oversize record.
import { expect } from 'chai';
import fc from 'fast-check';
import { AggregateBuilder } from '../../../../common/kpl/aggregate-builder';
import { encodeAggregate } from '../../../../common/kpl/aggregate-codec';
import { dataArb, kplRecord, recordsArb } from '../../../support/kpl-arbitraries';
import { decodedRecords, viewOf } from '../../../support/kpl-record-view';

describe('AggregateBuilder', () => {
  it('predicts with sizeWith and reports with sizeBytes exactly the length encodeAggregate produces', () => {
    fc.assert(
      fc.property(recordsArb(), (records) => {
        const builder = new AggregateBuilder(Infinity);
        expect(builder.sizeBytes).to.equal(encodeAggregate([]).length);
        records.forEach((record, i) => {
          const predicted = builder.sizeWith(record);
          expect(builder.count).to.equal(i); // sizeWith does not add
          expect(builder.tryAdd(record)).to.equal(true);
          expect(builder.sizeBytes).to.equal(predicted);
          expect(predicted).to.equal(encodeAggregate(records.slice(0, i + 1)).length);
        });
        expect(builder.build()).to.deep.equal(encodeAggregate(records));
      }),
      { numRuns: 200 },
    );
  });

  it('never builds more than maxBytes, except a single record too large on its own', () => {
    fc.assert(
      fc.property(recordsArb({ maxRecords: 80 }), fc.integer({ min: 20, max: 4_000 }), (records, maxBytes) => {
        const builder = new AggregateBuilder(maxBytes);
        const built: Buffer[] = [];
        const flush = (): void => {
          const bytes = builder.build();
          expect(bytes.length).to.equal(builder.sizeBytes);
          if (builder.count > 1) expect(bytes.length).to.be.at.most(maxBytes);
          built.push(bytes);
          builder.reset();
        };
        for (const record of records) {
          if (builder.tryAdd(record)) continue;
          expect(builder.sizeWith(record)).to.be.above(maxBytes);
          flush();
          expect(builder.tryAdd(record)).to.equal(true); // an empty builder always accepts
        }
        if (builder.count > 0) flush();
        expect(viewOf(built.flatMap(decodedRecords))).to.deep.equal(viewOf(records)); // nothing lost, order kept
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a record that would overflow and keeps its state unchanged', () => {
    const builder = new AggregateBuilder(100);
    expect(builder.tryAdd(kplRecord('a', Buffer.alloc(50)))).to.equal(true);
    const before = builder.sizeBytes;
    expect(builder.tryAdd(kplRecord('b', Buffer.alloc(50)))).to.equal(false);
    expect(builder.count).to.equal(1);
    expect(builder.sizeBytes).to.equal(before);
    expect(builder.build().length).to.equal(before);
  });

  it('fills exactly up to maxBytes when a record fits to the byte', () => {
    const builder = new AggregateBuilder(60);
    builder.tryAdd(kplRecord('k', Buffer.alloc(10)));
    const room = 60 - builder.sizeWith(kplRecord('k', new Uint8Array(0)));
    expect(builder.tryAdd(kplRecord('k', Buffer.alloc(room)))).to.equal(true);
    expect(builder.build().length).to.equal(60);
  });

  it('accepts a single record larger than maxBytes into an empty builder', () => {
    const builder = new AggregateBuilder(64);
    expect(builder.tryAdd(kplRecord('big', Buffer.alloc(1_000)))).to.equal(true);
    expect(builder.tryAdd(kplRecord('small', new Uint8Array(0)))).to.equal(false);
    expect(builder.build().length).to.be.above(1_000);
  });

  it('starts again from empty after reset', () => {
    const builder = new AggregateBuilder();
    builder.tryAdd(kplRecord('a', Buffer.from('x'), '1'));
    builder.reset();
    expect(builder.count).to.equal(0);
    expect(builder.records()).to.deep.equal([]);
    builder.tryAdd(kplRecord('b', Buffer.from('y')));
    expect(builder.build()).to.deep.equal(encodeAggregate([kplRecord('b', Buffer.from('y'))]));
  });

  it('defaults to the KPL limit of 51,200 bytes', () => {
    const builder = new AggregateBuilder();
    expect(builder.maxBytes).to.equal(51_200);
    fc.assert(
      fc.property(fc.array(dataArb, { maxLength: 20 }), (datas) => {
        builder.reset();
        datas.forEach((data) => builder.tryAdd(kplRecord('tweet', data)));
        if (builder.count > 1) expect(builder.build().length).to.be.at.most(51_200);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a maxBytes that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new AggregateBuilder(bad)).to.throw(/positive integer/);
  });
});
