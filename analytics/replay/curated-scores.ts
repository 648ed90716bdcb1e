// The scores the consumer gave posts of a period, read back from the curated dataset: replay without --rescore keeps them.
import { hourFolder } from '../../consumer/sinks/curated/curated-layout';
import { CURATED_POSTS } from '../../consumer/sinks/curated/curated-tables';
import { parquetRows } from '../../consumer/sinks/curated/parquet-file';
import type { SentimentLabel, SentimentOutcome } from '../../consumer/sentiment/sentiment-analyzer';
import type { BucketStore } from '../curated-bucket';
import type { ArchivePeriod } from './archive-period';

const column = (name: string): number => CURATED_POSTS.columns.findIndex((c) => c.name === name);
const AT = {
  shard: column('shard_id'),
  sequence: column('sequence_number'),
  sub: column('sub_sequence_number'),
  label: column('sentiment_label'),
  positive: column('score_positive'),
  negative: column('score_negative'),
  neutral: column('score_neutral'),
  mixed: column('score_mixed'),
  failure: column('sentiment_failure'),
  lang: column('lang'),
  keyPhrases: column('key_phrases'),
};

/** identityKey -> outcome for every curated post in the period's hour folders (and the hour before). */
export async function curatedScores(
  store: BucketStore,
  curatedPrefix: string,
  period: ArchivePeriod,
): Promise<Map<string, SentimentOutcome>> {
  const scores = new Map<string, SentimentOutcome>();
  const hour = 3_600_000;
  for (let t = Math.floor(period.fromMs / hour) * hour - hour; t < period.toMs; t += hour) {
    for (const object of await store.list(hourFolder(curatedPrefix, CURATED_POSTS.name, t))) {
      const bytes = await store.get(object.key);
      if (bytes === undefined) continue;
      for (const row of await parquetRows(CURATED_POSTS, bytes, object.key)) {
        const key = `${String(row[AT.shard])}/${String(row[AT.sequence])}/${String(row[AT.sub])}`;
        const lang = row[AT.lang] === null ? undefined : String(row[AT.lang]);
        const label = row[AT.label];
        // Comprehend's key phrases go with its scores (a LIST column; null in objects from before it existed).
        const phrases = row[AT.keyPhrases];
        const keyPhrases = Array.isArray(phrases) ? { keyPhrases: phrases.map(String) } : {};
        scores.set(
          key,
          label === null
            ? { ok: false, reason: String(row[AT.failure] ?? 'not scored'), ...(lang === undefined ? {} : { lang }) }
            : {
                ok: true,
                label: String(label) as SentimentLabel,
                scores: {
                  Positive: Number(row[AT.positive]),
                  Negative: Number(row[AT.negative]),
                  Neutral: Number(row[AT.neutral]),
                  Mixed: Number(row[AT.mixed]),
                },
                lang: lang ?? 'und',
                ...keyPhrases,
              },
        );
      }
    }
  }
  return scores;
}
