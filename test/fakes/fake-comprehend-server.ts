// An in-process fake of Comprehend's JSON protocol (awsJson1_1, BatchDetectSentiment and BatchDetectKeyPhrases) on 127.0.0.1, recording every call.
import * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

export interface RecordedBatch {
  readonly LanguageCode: string;
  readonly TextList: readonly string[];
}

const PREFIX = 'Comprehend_20171127.';
export type FakeComprehendOperation = 'BatchDetectSentiment' | 'BatchDetectKeyPhrases';
const OPERATIONS: ReadonlySet<string> = new Set<FakeComprehendOperation>([
  'BatchDetectSentiment',
  'BatchDetectKeyPhrases',
]);
const SUPPORTED = new Set(['en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko', 'zh', 'zh-TW']);

/**
 * Sentiment: labels by keyword ("good" / "bad"); fails items containing FAIL_ITEM, whole calls containing REJECT_BATCH.
 * Key phrases: the text's pieces between punctuation (`,;:.!?`), trimmed; fails items containing FAIL_PHRASES, whole
 * calls containing REJECT_PHRASES. Can throttle the next N calls (of one operation, or any).
 */
export class FakeComprehendServer extends LoopbackHttpFake {
  /** BatchDetectSentiment calls. */
  public readonly batches: RecordedBatch[] = [];
  /** BatchDetectKeyPhrases calls. */
  public readonly phraseBatches: RecordedBatch[] = [];
  /** Answers the next N calls with ThrottlingException (HTTP 400, as Comprehend does). */
  public throttleNext = 0;
  /** Which calls `throttleNext` applies to; any when undefined. */
  public throttleOperation: FakeComprehendOperation | undefined;
  public throttled = 0;

  protected override respond(req: http.IncomingMessage, payload: Buffer, res: http.ServerResponse): void {
    const target = String(req.headers['x-amz-target']);
    const operation = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
    if (!OPERATIONS.has(operation) || req.headers['content-type'] !== 'application/x-amz-json-1.1') {
      return reply(res, 400, {
        __type: 'UnknownOperationException',
        message: `unexpected ${String(req.headers['x-amz-target'])}`,
      });
    }
    let body: { LanguageCode?: unknown; TextList?: unknown };
    try {
      body = JSON.parse(payload.toString('utf8')) as typeof body;
    } catch {
      return reply(res, 400, { __type: 'SerializationException', message: 'bad JSON' });
    }
    const lang = String(body.LanguageCode);
    const texts = Array.isArray(body.TextList) ? body.TextList.map(String) : [];
    const phrases = operation === 'BatchDetectKeyPhrases';
    (phrases ? this.phraseBatches : this.batches).push({ LanguageCode: lang, TextList: texts });
    if (this.throttleNext > 0 && (this.throttleOperation === undefined || this.throttleOperation === operation)) {
      this.throttleNext -= 1;
      this.throttled += 1;
      return reply(res, 400, { __type: 'com.amazonaws.comprehend#ThrottlingException', message: 'Rate exceeded' });
    }
    if (!SUPPORTED.has(lang))
      return reply(res, 400, { __type: 'UnsupportedLanguageException', Message: `unsupported ${lang}` });
    if (texts.some((t) => t.includes(phrases ? 'REJECT_PHRASES' : 'REJECT_BATCH')))
      return reply(res, 400, { __type: 'InvalidRequestException', Message: 'rejected' });
    if (texts.length > 25)
      return reply(res, 400, { __type: 'BatchSizeLimitExceededException', Message: 'more than 25' });
    if (texts.some((t) => Buffer.byteLength(t, 'utf8') > 5000))
      return reply(res, 400, { __type: 'TextSizeLimitExceededException', Message: 'too long' });
    return reply(res, 200, phrases ? keyPhrasesAnswer(texts) : answer(texts));
  }
}

function keyPhrasesAnswer(texts: readonly string[]): Record<string, unknown> {
  const ResultList: Record<string, unknown>[] = [];
  const ErrorList: Record<string, unknown>[] = [];
  texts.forEach((text, Index) => {
    if (text.includes('FAIL_PHRASES')) {
      ErrorList.push({ Index, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'item failed' });
      return;
    }
    const KeyPhrases = [...text.matchAll(/[^,;:.!?]+/g)]
      .map((m) => ({ raw: m[0], at: m.index }))
      .filter(({ raw }) => raw.trim() !== '')
      .map(({ raw, at }) => {
        const Text = raw.trim();
        const BeginOffset = at + raw.indexOf(Text);
        return { Text, Score: 0.99, BeginOffset, EndOffset: BeginOffset + Text.length };
      });
    ResultList.push({ Index, KeyPhrases });
  });
  return { ResultList, ErrorList };
}

function answer(texts: readonly string[]): Record<string, unknown> {
  const ResultList: Record<string, unknown>[] = [];
  const ErrorList: Record<string, unknown>[] = [];
  texts.forEach((text, Index) => {
    if (text.includes('FAIL_ITEM')) {
      ErrorList.push({ Index, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'item failed' });
      return;
    }
    const Sentiment = text.includes('good') ? 'POSITIVE' : text.includes('bad') ? 'NEGATIVE' : 'NEUTRAL';
    const top = 0.91;
    const SentimentScore = {
      Positive: Sentiment === 'POSITIVE' ? top : 0.03,
      Negative: Sentiment === 'NEGATIVE' ? top : 0.03,
      Neutral: Sentiment === 'NEUTRAL' ? top : 0.03,
      Mixed: 0.03,
    };
    ResultList.push({ Index, Sentiment, SentimentScore });
  });
  return { ResultList, ErrorList };
}

function reply(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fake' });
  res.end(JSON.stringify(body));
}
