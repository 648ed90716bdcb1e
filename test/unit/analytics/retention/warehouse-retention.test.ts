// The warehouse retention's cut-off and statements, and forget's warehouse conditions: pure SQL building.
import { expect } from 'chai';
import { targetConditions } from '../../../../analytics/erasure/warehouse-erasure';
import { retentionCutoffMs, retentionStatements } from '../../../../analytics/retention/warehouse-retention';

describe('warehouse retention and erasure SQL', () => {
  it('cuts at midnight UTC whole days before today, whatever the hour', () => {
    expect(new Date(retentionCutoffMs(Date.UTC(2026, 11, 6, 23, 59), 30)).toISOString()).to.equal(
      '2026-11-06T00:00:00.000Z',
    );
    expect(retentionCutoffMs(Date.UTC(2026, 11, 6, 0, 0), 1)).to.equal(Date.UTC(2026, 11, 5));
  });

  it('deletes posts, readings and the three rollup tables with the cut-off as a bound value', () => {
    const { counts, deletes } = retentionStatements({ posts: 'public.p', vehicles: 'public.v' }, Date.UTC(2026, 0, 1));
    expect(deletes.map((q) => q.text.split(' WHERE')[0])).to.deep.equal([
      'DELETE FROM public.p',
      'DELETE FROM public.v',
      'DELETE FROM public.p_hourly',
      'DELETE FROM public.p_terms_hourly',
      'DELETE FROM public.p_terms_daily',
    ]);
    expect(counts).to.have.length(5);
    for (const query of [...counts, ...deletes]) expect(query.values).to.deep.equal(['2026-01-01 00:00:00.000']);
  });

  it('binds the source, ids and names, and splits long lists so no statement binds too many', () => {
    const [one] = targetConditions({ source: 'x', postIds: new Set(['1', '2']), users: new Set(["o'neil"]) });
    expect(one).to.deep.equal({
      text: 'source = $1 AND (post_id IN ($2, $3) OR user_name IN ($4))',
      values: ['x', '1', '2', "o'neil"],
    });
    const many = targetConditions({
      source: 'x',
      postIds: new Set(Array.from({ length: 12_000 }, (_, i) => String(i))),
      users: new Set(),
    });
    expect(many.map((c) => c.values.length)).to.deep.equal([5_001, 5_001, 2_001]);
  });
});
