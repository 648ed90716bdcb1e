// The Amazon Comprehend adapter: BatchDetectSentiment in groups of <= 25 documents of one language, rate-limited and retried.
import {
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
import { truncateUtf8 } from '../../common/utf8-truncate';
import { primaryLanguage } from './language-code';
import type { SentimentAnalyzer, SentimentDocument, SentimentLabel, SentimentOutcome } from './sentiment-analyzer';

export interface ComprehendAnalyzerOptions {
  /** Built by common/aws/client-factory.ts (`factory.comprehend()`); the factory owns and destroys it. */
  readonly client: ComprehendClient;
  /** Client-side rate limit: BatchDetectSentiment calls per second. */
  readonly callsPerSecond: number;
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

export class ComprehendAnalyzer implements SentimentAnalyzer {
  public readonly name = 'comprehend';
  private readonly bucket: CallPacer;
  private readonly logger: Logger;

  public constructor(private readonly options: ComprehendAnalyzerOptions) {
    this.bucket = new CallPacer({
      ratePerSecond: options.callsPerSecond,
      ...(options.now ? { now: options.now } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
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
        for (const [i, outcome] of (await this.detectBatch(lang, batch)).entries())
          outcomes[(batch[i] as Pending).index] = outcome;
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
      output = await retry(
        async () => {
          await this.bucket.take();
          return this.options.client.send(
            new BatchDetectSentimentCommand({ LanguageCode: lang as LanguageCode, TextList: batch.map((p) => p.text) }),
          );
        },
        {
          policy: this.options.retryPolicy ?? DEFAULT_RETRY_POLICY,
          operation: 'Comprehend BatchDetectSentiment',
          ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
          onRetry: (error, attempt, delayMs) =>
            this.logger.warn('comprehend call retried', { lang, attempt, delayMs, error: describeError(error) }),
        },
      );
    } catch (error: unknown) {
      if (isRetryable(error) || error instanceof RetriesExhaustedError) throw error;
      this.logger.error('comprehend batch rejected', { lang, documents: batch.length, error: describeError(error) });
      return batch.map(() => ({ ok: false, reason: `batch rejected: ${describeError(error)}`, lang }));
    }
    return toOutcomes(output, batch.length, lang);
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
