// The key_phrases column: its type in both dialects, its addition to older tables, and how the row mapper fills it.
import { expect } from 'chai';
import { postRow } from '../../../../../consumer/sinks/redshift/row-mapper';
import { POSTGRESQL, REDSHIFT } from '../../../../../consumer/sinks/redshift/sql-dialect';
import { createTableSql, ensureTableSql } from '../../../../../consumer/sinks/redshift/table-ddl';
import { POST_KEY_PHRASES_BYTES, postTable } from '../../../../../consumer/sinks/redshift/table-spec';
import type { ScoredPost } from '../../../../../consumer/sinks/sink';
import { makeShardStream, toSinkBatch } from '../../../../support/sink-batch-factory';

const table = postTable('public.post_sentiment');
const at = table.columns.findIndex((column) => column.name === 'key_phrases');

function scoredPost(keyPhrases?: readonly string[]): ScoredPost {
  const [post] = toSinkBatch(makeShardStream({ count: 1, poisonEvery: 0 })).posts;
  if (post === undefined) throw new Error('no post');
  return {
    ...post,
    sentiment: {
      ok: true,
      label: 'NEGATIVE',
      lang: 'en',
      scores: { Positive: 0.1, Negative: 0.8, Neutral: 0.1, Mixed: 0 },
      ...(keyPhrases === undefined ? {} : { keyPhrases }),
    },
  };
}

describe('the key_phrases column', () => {
  it('is the last column, SUPER on Redshift and JSONB on PostgreSQL, like hashtags', () => {
    expect(at).to.equal(table.columns.length - 1);
    expect(createTableSql(REDSHIFT, table)).to.include('key_phrases SUPER');
    expect(createTableSql(POSTGRESQL, table)).to.include('key_phrases JSONB');
  });

  it('is added to a PostgreSQL table from before it as JSONB, and left to a documented step on Redshift', () => {
    expect(ensureTableSql(POSTGRESQL, table)).to.include(
      'ALTER TABLE public.post_sentiment ADD COLUMN IF NOT EXISTS key_phrases JSONB',
    );
    expect(ensureTableSql(REDSHIFT, table).filter((sql) => sql.startsWith('ALTER'))).to.deep.equal([]);
  });

  it("holds the analyzer's phrases as a JSON array, or NULL when it gave none or the post was not scored", () => {
    expect(postRow(scoredPost(['bus lane', 'metro']))[at]).to.equal('["bus lane","metro"]');
    expect(postRow(scoredPost([]))[at]).to.equal('[]');
    expect(postRow(scoredPost())[at]).to.equal(null);
    const failed: ScoredPost = { ...scoredPost(['x']), sentiment: { ok: false, reason: 'unsupported', lang: 'xx' } };
    expect(postRow(failed)[at]).to.equal(null);
  });

  it('keeps whole phrases within POST_KEY_PHRASES_BYTES of UTF-8 JSON, dropping the rest', () => {
    const phrases = Array.from({ length: 2_000 }, (_, i) => `línea ${i} 🚇`);
    const json = String(postRow(scoredPost(phrases))[at]);
    const kept = JSON.parse(json) as string[];
    expect(Buffer.byteLength(json, 'utf8')).to.be.at.most(POST_KEY_PHRASES_BYTES);
    expect(kept.length).to.be.greaterThan(300).and.lessThan(phrases.length);
    expect(kept).to.deep.equal(phrases.slice(0, kept.length));
    const next = JSON.stringify(phrases.slice(0, kept.length + 1));
    expect(Buffer.byteLength(next, 'utf8')).to.be.greaterThan(POST_KEY_PHRASES_BYTES);
  });
});
