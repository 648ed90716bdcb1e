// The Amazon Comprehend adapter: BatchDetectSentiment, then BatchDetectKeyPhrases, in groups of <= 25 documents of one language, rate-limited and retried.
import {
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  type BatchDetectSentimentCommandOutput,
  type ComprehendClient,
  type LanguageCode,
} from '@aws-sdk/client-comprehend';
import { describeError, RetriesExhaustedError } from '../../common/errors';
import { isRetryable } from '../../common/is-retryable';
import type { Logger } from '../../common/logger';
import { NullLogger } from '../../common/logger';
import { DEFAULT_RETRY_POLICY, retry, type RetryPolicy } from '../../common/retry';
import {
  COMPREHEND_SENTIMENT_LANGUAGES,
  MAX_DOCUMENTS_PER_BATCH,
  MAX_DOCUMENT_BYTES,
} from './comprehend/comprehend-languages';
import { CallPacer } from './comprehend/call-pacer';
import { keyPhrasesByDocument } from './comprehend/key-phrase-results';
import { truncateUtf8 } from '../../common/utf8-truncate';
import { primaryLanguage } from './language-code';
import type { SentimentAnalyzer, SentimentDocument, SentimentLabel, SentimentOutcome } from './sentiment-analyzer';

export interface ComprehendAnalyzerOptions {
  /** Built by common/aws/client-factory.ts (`factory.comprehend()`); the factory owns and destroys it. */
  readonly client: ComprehendClient;
  /** Client-side rate limit: calls per second to each API (BatchDetectSentiment; BatchDetectKeyPhrases has its own). */
  readonly callsPerSecond: number;
  /** Ask BatchDetectKeyPhrases for the scored documents (default true); false: outcomes carry no phrases. */
  readonly keyPhrases?: boolean;
  readonly retryPolicy?: RetryPolicy;
  /** Language of a post without `lang` (the local detector: no extra call, no share of the rate limit spent). */
  readonly detectLanguage?: (text: string) => string | undefined;
  /** Used when a post has no `lang` and detection cannot tell. */
  readonly fallbackLanguage?: string;
  readonly logger?: Logger;
  /** Injected for tests: the rate limiter's clock and the waits of both the limiter and the retries. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface Pending {
  readonly index: number;
  readonly text: string;
}

const LABELS: ReadonlySet<string> = new Set(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']);

/**
 * Scores posts with Comprehend and stores its key phrases with each scored post. Both calls take the same groups: at
 * most 25 documents of one language, each cut to 5,000 UTF-8 bytes on a character boundary (Comprehend API reference:
 * https://docs.aws.amazon.com/comprehend/latest/APIReference/API_BatchDetectSentiment.html and
 * https://docs.aws.amazon.com/comprehend/latest/APIReference/API_BatchDetectKeyPhrases.html, `TextList`). Key phrases
 * are asked only for the documents that got a sentiment. Each API has its own client-side rate limit (Comprehend's
 * quotas are per API). Throttling and 5xx are retried by common/retry.ts; when retries run out, `analyze` rejects so
 * nothing is checkpointed. A call refused for good (or a document in its `ErrorList`) costs only what it answers:
 * sentiment becomes a recorded failure reason, key phrases are left out (the post is stored without them).
 */
export class ComprehendAnalyzer implements SentimentAnalyzer {
  public readonly name = 'comprehend';
  private readonly bucket: CallPacer;
  private readonly phraseBucket: CallPacer;
  private readonly logger: Logger;

  public constructor(private readonly options: ComprehendAnalyzerOptions) {
    const pacer = (): CallPacer =>
      new CallPacer({
        ratePerSecond: options.callsPerSecond,
        ...(options.now ? { now: options.now } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
    this.bucket = pacer();
    this.phraseBucket = pacer();
    this.logger = (options.logger ?? new NullLogger()).child({ component: 'comprehend-analyzer' });
  }

  public async analyze(documents: readonly SentimentDocument[]): Promise<SentimentOutcome[]> {
    const outcomes = new Array<SentimentOutcome | undefined>(documents.length);
    const byLanguage = new Map<string, Pending[]>();
    documents.forEach((document, index) => {
      const lang =
        primaryLanguage(document.lang) ??
        this.options.detectLanguage?.(document.text) ??
        this.options.fallbackLanguage ??
        'en';
      if (!COMPREHEND_SENTIMENT_LANGUAGES.has(lang)) {
        outcomes[index] = {
          ok: false,
          reason: `unsupported language "${lang}" (Comprehend sentiment does not support it)`,
          lang,
        };
      } else if (document.text.trim() === '') {
        outcomes[index] = { ok: false, reason: 'empty document', lang };
      } else {
        const group = byLanguage.get(lang) ?? [];
        group.push({ index, text: truncateUtf8(document.text, MAX_DOCUMENT_BYTES) });
        byLanguage.set(lang, group);
      }
    });
    for (const [lang, group] of byLanguage) {
      for (let from = 0; from < group.length; from += MAX_DOCUMENTS_PER_BATCH) {
        const batch = group.slice(from, from + MAX_DOCUMENTS_PER_BATCH);
        const scored = await this.withKeyPhrases(lang, batch, await this.detectBatch(lang, batch));
        for (const [i, outcome] of scored.entries()) outcomes[(batch[i] as Pending).index] = outcome;
      }
    }
    return outcomes.map((outcome) => outcome ?? { ok: false, reason: 'no result' });
  }

  public close(): Promise<void> {
    return Promise.resolve();
  }

  /** One call (after retries); a failure that retrying cannot fix becomes a reason on every document of the batch. */
  private async detectBatch(lang: string, batch: readonly Pending[]): Promise<SentimentOutcome[]> {
    let output: BatchDetectSentimentCommandOutput;
    try {
      output = await this.call('BatchDetectSentiment', this.bucket, lang, () =>
        this.options.client.send(
          new BatchDetectSentimentCommand({ LanguageCode: lang as LanguageCode, TextList: batch.map((p) => p.text) }),
        ),
      );
    } catch (error: unknown) {
      if (isRetryable(error) || error instanceof RetriesExhaustedError) throw error;
      this.logger.error('comprehend batch rejected', { lang, documents: batch.length, error: describeError(error) });
      return batch.map(() => ({ ok: false, reason: `batch rejected: ${describeError(error)}`, lang }));
    }
    return toOutcomes(output, batch.length, lang);
  }

  /**
   * Adds the key phrases of the batch's scored documents (one BatchDetectKeyPhrases call, same texts). A call refused
   * for good, or a document in its ErrorList, leaves those outcomes without phrases; only retryable failures reject.
   */
  private async withKeyPhrases(
    lang: string,
    batch: readonly Pending[],
    outcomes: SentimentOutcome[],
  ): Promise<SentimentOutcome[]> {
    const scored = outcomes.flatMap((outcome, i) => (outcome.ok ? [i] : []));
    if (scored.length === 0 || this.options.keyPhrases === false) return outcomes;
    let phrases: (readonly string[] | undefined)[];
    try {
      const output = await this.call('BatchDetectKeyPhrases', this.phraseBucket, lang, () =>
        this.options.client.send(
          new BatchDetectKeyPhrasesCommand({
            LanguageCode: lang as LanguageCode,
            TextList: scored.map((i) => (batch[i] as Pending).text),
          }),
        ),
      );
      phrases = keyPhrasesByDocument(output, scored.length);
    } catch (error: unknown) {
      if (isRetryable(error) || error instanceof RetriesExhaustedError) throw error;
      this.logger.error('comprehend key phrases rejected', {
        lang,
        documents: scored.length,
        error: describeError(error),
      });
      return outcomes;
    }
    const missing = phrases.filter((p) => p === undefined).length;
    if (missing > 0) this.logger.warn('comprehend key phrases missing', { lang, documents: missing });
    const result = [...outcomes];
    scored.forEach((at, i) => {
      const outcome = result[at];
      const found = phrases[i];
      if (outcome?.ok === true && found !== undefined) result[at] = { ...outcome, keyPhrases: found };
    });
    return result;
  }

  /** One paced call with the project's retry policy (throttling and 5xx retried; RetriesExhaustedError when they run out). */
  private call<T>(api: string, pacer: CallPacer, lang: string, send: () => Promise<T>): Promise<T> {
    return retry(
      async () => {
        await pacer.take();
        return send();
      },
      {
        policy: this.options.retryPolicy ?? DEFAULT_RETRY_POLICY,
        operation: `Comprehend ${api}`,
        ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
        onRetry: (error, attempt, delayMs) =>
          this.logger.warn('comprehend call retried', { api, lang, attempt, delayMs, error: describeError(error) }),
      },
    );
  }
}

function toOutcomes(output: BatchDetectSentimentCommandOutput, size: number, lang: string): SentimentOutcome[] {
  const outcomes: SentimentOutcome[] = Array.from({ length: size }, () => ({
    ok: false,
    reason: 'no result in the response',
    lang,
  }));
  for (const item of output.ResultList ?? []) {
    const index = item.Index ?? -1;
    const score = item.SentimentScore;
    if (
      index < 0 ||
      index >= size ||
      item.Sentiment === undefined ||
      !LABELS.has(item.Sentiment) ||
      score === undefined
    )
      continue;
    outcomes[index] = {
      ok: true,
      label: item.Sentiment as SentimentLabel,
      lang,
      scores: {
        Positive: score.Positive ?? 0,
        Negative: score.Negative ?? 0,
        Neutral: score.Neutral ?? 0,
        Mixed: score.Mixed ?? 0,
      },
    };
  }
  for (const item of output.ErrorList ?? []) {
    const index = item.Index ?? -1;
    if (index >= 0 && index < size)
      outcomes[index] = { ok: false, reason: `${item.ErrorCode ?? 'Error'}: ${item.ErrorMessage ?? ''}`.trim(), lang };
  }
  return outcomes;
}
