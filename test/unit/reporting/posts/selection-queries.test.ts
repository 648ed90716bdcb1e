// The dashboard's SQL builders: parameters bound in order, filters for both engines, LIKE escaping, keyset paging, rollups.
import { expect } from 'chai';
import { dashboardRollupSql } from '../../../../consumer/sinks/redshift/dashboard-rollups';
import { POSTGRESQL, REDSHIFT } from '../../../../consumer/sinks/redshift/sql-dialect';
import { previousPeriod, rollupCanServe } from '../../../../reporting/posts/selection';
import { replaceHoursStatements, TERM_ROWS_PER_INSERT } from '../../../../reporting/posts/rollup-queries';
import {
  bucketCountsQuery,
  likeEscape,
  postsPageQuery,
  rollupCountsQuery,
  rollupTermsQuery,
} from '../../../../reporting/posts/selection-queries';

const T0 = Date.UTC(2026, 11, 6, 10);
const SEL = { fromMs: T0, toMs: T0 + 3_600_000 };

/** Every $n in the text has a value and every value a $n. */
function placeholdersMatch(text: string, values: readonly unknown[]): boolean {
  const used = new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return used.size === values.length && [...used].every((n) => n >= 1 && n <= values.length);
}

describe('selection queries', () => {
  it('counts hours from a given minute past the UTC hour (half-hour zones), checking the minute before splicing it', () => {
    const q = bucketCountsQuery('public.p', SEL, 'hour', 'redshift', 30);
    expect(q.text).to.include(
      "(DATE_TRUNC('hour', created_at - INTERVAL '30 minutes') + INTERVAL '30 minutes') AS bucket",
    );
    expect(q.name).to.equal('selection-counts-hour-30');
    expect(bucketCountsQuery('public.p', SEL, 'hour', 'postgresql').text).to.include(
      "DATE_TRUNC('hour', created_at) AS bucket",
    );
    expect(bucketCountsQuery('public.p', SEL, 'minute', 'postgresql', 30).text).to.include(
      "DATE_TRUNC('minute', created_at) AS bucket",
    );
    for (const bad of [-1, 60, 2.5, Number.NaN])
      expect(() => bucketCountsQuery('public.p', SEL, 'hour', 'postgresql', bad), String(bad)).to.throw(RangeError);
  });

  it('binds every filter as a parameter, never in the text', () => {
    const q = bucketCountsQuery(
      'public.p',
      { ...SEL, label: 'NEGATIVE', source: "x'; DROP", lang: 'es', q: 'metro' },
      'minute',
      'postgresql',
    );
    expect(q.text).to.not.contain('DROP').and.not.contain('metro');
    expect(q.values).to.deep.equal([
      '2026-12-06 10:00:00.000',
      '2026-12-06 11:00:00.000',
      'NEGATIVE',
      "x'; DROP",
      'es',
      '%metro%',
    ]);
    expect(placeholdersMatch(q.text, q.values)).to.equal(true);
    expect(q.text).to.contain("DATE_TRUNC('minute', created_at)");
  });

  it('matches a hashtag through the JSON text of each engine, lower-cased and quoted', () => {
    const pg = bucketCountsQuery('p', { ...SEL, hashtag: 'ZBE' }, 'hour', 'postgresql');
    const rs = bucketCountsQuery('p', { ...SEL, hashtag: 'ZBE' }, 'hour', 'redshift');
    expect(pg.text).to.contain('LOWER(CAST(hashtags AS TEXT)) LIKE $3');
    expect(rs.text).to.contain('LOWER(JSON_SERIALIZE(hashtags)) LIKE $3');
    expect(pg.values[2]).to.equal('%"zbe"%');
  });

  it('escapes LIKE wildcards in the text search and reads UNSCORED as a NULL label', () => {
    expect(likeEscape('100%_\\')).to.equal('100\\%\\_\\\\');
    const q = bucketCountsQuery('p', { ...SEL, q: '50%', label: 'UNSCORED' }, 'hour', 'postgresql');
    expect(q.text).to.contain('sentiment_label IS NULL').and.contain('text ILIKE $3');
    expect(q.values[2]).to.equal('%50\\%%');
  });

  it('pages by keyset after the cursor, newest first, ties broken by the record identity', () => {
    const q = postsPageQuery(
      'p',
      SEL,
      50,
      { createdAtMs: T0 + 5, shardId: 's1', sequenceNumber: '42', subSequenceNumber: 3 },
      'postgresql',
    );
    expect(q.text).to.contain(
      'ORDER BY created_at DESC, shard_id DESC, sequence_number DESC, sub_sequence_number DESC LIMIT 50',
    );
    expect(q.values.slice(2)).to.deep.equal(['2026-12-06 10:00:00.005', 's1', '42', 3]);
    expect(placeholdersMatch(q.text, q.values)).to.equal(true);
    expect(() => postsPageQuery('p', SEL, 0, undefined, 'postgresql')).to.throw(RangeError);
  });

  it('reads the rollups with the label kept as text and only the filters they hold', () => {
    const counts = rollupCountsQuery('p_hourly', { ...SEL, label: 'UNSCORED', lang: 'es' });
    expect(counts.text).to.contain('label = $3').and.contain('lang = $4');
    const terms = rollupTermsQuery(
      [
        { table: 'p_terms_daily', time: 'day', fromMs: T0, toMs: T0 + 86_400_000 },
        { table: 'p_terms_hourly', time: 'hour', fromMs: T0 + 86_400_000, toMs: T0 + 90_000_000 },
      ],
      { lang: 'es' },
      20,
      ['metro', 'obras'],
    );
    expect(terms.text)
      .to.contain('day >= CAST($1 AS TIMESTAMP)')
      .and.contain('lang = $3')
      .and.contain('term IN ($4, $5)');
    expect(terms.text)
      .to.contain('hour >= CAST($6 AS TIMESTAMP)')
      .and.contain('term IN ($9, $10)')
      .and.contain('UNION ALL')
      .and.contain('LIMIT 20');
    expect(placeholdersMatch(terms.text, terms.values)).to.equal(true);
    expect(rollupCanServe({ label: 'NEGATIVE', lang: 'es', source: 'x' })).to.equal(true);
    expect(rollupCanServe({ hashtag: 'zbe' })).to.equal(false);
    expect(previousPeriod({ fromMs: 10, toMs: 30, label: 'NEGATIVE' as const })).to.deep.equal({
      fromMs: -10,
      toMs: 10,
      label: 'NEGATIVE',
    });
  });

  it('replaces the rollups of some hours in one transaction, term rows in bounded inserts, locked on PostgreSQL', () => {
    const rows = Array.from({ length: TERM_ROWS_PER_INSERT + 1 }, (_, i) => ({
      hourMs: T0,
      term: `t${i}`,
      label: 'NEGATIVE',
      source: null,
      lang: 'es',
      posts: 1,
    }));
    const pg = replaceHoursStatements('public.p', 'postgresql', [T0, T0 + 3_600_000], rows);
    expect(pg.map((s) => s.name)).to.deep.equal([
      'rollup-lock',
      'rollup-delete-counts',
      'rollup-insert-counts',
      'rollup-delete-terms',
      'rollup-insert-terms',
      'rollup-insert-terms',
    ]);
    for (const s of pg)
      expect(placeholdersMatch(s.text, s.values), s.name).to.equal(s.values.length > 0 || !s.text.includes('$'));
    expect(replaceHoursStatements('public.p', 'redshift', [T0], []).map((s) => s.name)[0]).to.equal(
      'rollup-delete-counts',
    );
  });

  it('creates the rollups with the tables in both dialects; indexes on PostgreSQL only', () => {
    const pg = dashboardRollupSql(POSTGRESQL, 'public.post_sentiment');
    const rs = dashboardRollupSql(REDSHIFT, 'public.post_sentiment');
    expect(pg.filter((s) => s.startsWith('CREATE TABLE'))).to.have.length(4);
    expect(pg).to.include(
      'CREATE INDEX IF NOT EXISTS post_sentiment_created_idx ON public.post_sentiment (created_at)',
    );
    expect(rs.every((s) => !s.includes('INDEX'))).to.equal(true);
    expect(rs[0]).to.contain('DISTSTYLE ALL SORTKEY(hour)');
    expect(rs[1]).to.contain('DISTKEY(term) SORTKEY(hour)');
  });
});
