// The dashboard's latest posts say which source (x, instagram, sample, file) each post came from.
import { expect } from 'chai';
import { buildSummary } from '../../../../reporting/dashboard/dashboard-summary';
import type { PostSummaryRow } from '../../../../reporting/posts/post-reader';

const row = (n: number, source: string | null | undefined): PostSummaryRow => ({
  key: `s/${n}/0`,
  postId: String(n),
  user: `u${n}`,
  createdAtMs: 1_000 * n,
  lang: 'es',
  text: `post ${n}`,
  label: 'NEUTRAL',
  score: 0,
  hashtags: [],
  ...(source === undefined ? {} : { source }),
});

describe('dashboard latest posts source', () => {
  it('carries the source of each post, null where the record had none', () => {
    const summary = buildSummary({
      nowMs: 60_000,
      minutes: 15,
      counts: [],
      sample: [row(3, 'x'), row(2, 'instagram'), row(1, undefined)],
      sampleLimit: 100,
      latestCount: 3,
      topHashtags: 5,
    });
    expect(summary.latest.map((post) => post.source)).to.deep.equal(['x', 'instagram', null]);
  });
});
