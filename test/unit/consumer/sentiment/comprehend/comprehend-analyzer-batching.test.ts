// ComprehendAnalyzer with a scripted client: how documents are grouped and cut for BatchDetectSentiment and
// BatchDetectKeyPhrases, and what a key-phrase failure costs (the phrases, never the post).
import {
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  type ComprehendClient,
} from '@aws-sdk/client-comprehend';
import { expect } from 'chai';
import { ComprehendAnalyzer } from '../../../../../consumer/sentiment/comprehend-analyzer';

interface Call {
  readonly api: 'sentiment' | 'phrases';
  readonly lang: string;
  readonly texts: readonly string[];
}

/** Answers like Comprehend: sentiment by keyword, one phrase per document ("p:" + its first word); scripted failures. */
class ScriptedComprehend {
  public readonly calls: Call[] = [];
  /** Errors thrown by the next key-phrase calls, in order. */
  public readonly phraseFailures: Error[] = [];
  /** Texts whose sentiment comes back in ErrorList / whose phrases do. */
  public readonly sentimentErrors = new Set<string>();
  public readonly phraseErrors = new Set<string>();

  public send(command: unknown): Promise<unknown> {
    if (command instanceof BatchDetectSentimentCommand) {
      const texts = command.input.TextList ?? [];
      this.calls.push({ api: 'sentiment', lang: String(command.input.LanguageCode), texts });
      return Promise.resolve({
        ResultList: texts.flatMap((text, Index) =>
          this.sentimentErrors.has(text)
            ? []
            : [
                {
                  Index,
                  Sentiment: text.includes('bad') ? 'NEGATIVE' : 'POSITIVE',
                  SentimentScore: { Positive: 0.5, Negative: 0.5, Neutral: 0, Mixed: 0 },
                },
              ],
        ),
        ErrorList: texts.flatMap((text, Index) =>
          this.sentimentErrors.has(text) ? [{ Index, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'x' }] : [],
        ),
      });
    }
    if (command instanceof BatchDetectKeyPhrasesCommand) {
      const texts = command.input.TextList ?? [];
      this.calls.push({ api: 'phrases', lang: String(command.input.LanguageCode), texts });
      const failure = this.phraseFailures.shift();
      if (failure !== undefined) return Promise.reject(failure);
      return Promise.resolve({
        ResultList: texts.flatMap((text, Index) =>
          this.phraseErrors.has(text) ? [] : [{ Index, KeyPhrases: [{ Text: `p:${text.split(' ')[0] ?? ''}` }] }],
        ),
        ErrorList: texts.flatMap((text, Index) =>
          this.phraseErrors.has(text) ? [{ Index, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'x' }] : [],
        ),
      });
    }
    return Promise.reject(new Error('unexpected command'));
  }
}

function sdkError(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

describe('ComprehendAnalyzer batching and key phrases', () => {
  let client: ScriptedComprehend;
  let analyzer: ComprehendAnalyzer;

  beforeEach(() => {
    client = new ScriptedComprehend();
    analyzer = new ComprehendAnalyzer({
      client: client as unknown as ComprehendClient,
      callsPerSecond: 1_000,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      sleep: () => Promise.resolve(),
      detectLanguage: () => undefined,
    });
  });

  it('asks both APIs in groups of at most 25 documents of one language, the same texts in the same order', async () => {
    const docs = [
      ...Array.from({ length: 60 }, (_, i) => ({ text: `en${i} good`, lang: 'en' })),
      ...Array.from({ length: 3 }, (_, i) => ({ text: `es${i} bueno`, lang: 'es' })),
      { text: 'cs0 dobry', lang: 'cs' },
      { text: '   ', lang: 'en' },
    ];
    const outcomes = await analyzer.analyze(docs);
    const shape = (api: Call['api']) => client.calls.filter((c) => c.api === api).map((c) => [c.lang, c.texts.length]);
    expect(shape('sentiment')).to.deep.equal([
      ['en', 25],
      ['en', 25],
      ['en', 10],
      ['es', 3],
    ]);
    expect(shape('phrases')).to.deep.equal(shape('sentiment'));
    const sentimentTexts = client.calls.filter((c) => c.api === 'sentiment').flatMap((c) => c.texts);
    expect(client.calls.filter((c) => c.api === 'phrases').flatMap((c) => c.texts)).to.deep.equal(sentimentTexts);
    docs.slice(0, 63).forEach((doc, i) => {
      const outcome = outcomes[i];
      expect(outcome?.ok === true && outcome.keyPhrases, doc.text).to.deep.equal([`p:${doc.text.split(' ')[0]}`]);
    });
    expect(outcomes[63]).to.deep.include({ ok: false, lang: 'cs' });
    expect(outcomes[64]).to.deep.equal({ ok: false, reason: 'empty document', lang: 'en' });
  });

  it('cuts every document to 5,000 UTF-8 bytes on a character boundary for both calls', async () => {
    const text = `long ${'ñ'.repeat(3_000)}`;
    await analyzer.analyze([{ text, lang: 'es' }]);
    for (const call of client.calls) {
      const sent = call.texts[0] ?? '';
      expect(Buffer.byteLength(sent, 'utf8'), call.api).to.be.at.most(5_000).and.at.least(4_999);
      expect(text.startsWith(sent)).to.equal(true);
    }
  });

  it('asks phrases only for documents that got a sentiment, and maps them back to the right posts', async () => {
    client.sentimentErrors.add('b bad');
    const outcomes = await analyzer.analyze([
      { text: 'a good', lang: 'en' },
      { text: 'b bad', lang: 'en' },
      { text: 'c bad', lang: 'en' },
    ]);
    expect(client.calls.find((c) => c.api === 'phrases')?.texts).to.deep.equal(['a good', 'c bad']);
    expect(outcomes.map((o) => (o.ok ? o.keyPhrases : o.reason))).to.deep.equal([
      ['p:a'],
      'INTERNAL_SERVER_ERROR: x',
      ['p:c'],
    ]);
  });

  it('keeps the post and its sentiment without phrases when its phrases fail or the call is refused for good', async () => {
    client.phraseErrors.add('b bad');
    const perItem = await analyzer.analyze([
      { text: 'a good', lang: 'en' },
      { text: 'b bad', lang: 'en' },
    ]);
    expect(perItem[0]).to.deep.include({ ok: true, keyPhrases: ['p:a'] });
    expect(perItem[1]).to.deep.include({ ok: true, label: 'NEGATIVE' });
    expect(perItem[1]).not.to.have.property('keyPhrases');

    client.phraseFailures.push(sdkError('InvalidRequestException', 400));
    const refused = await analyzer.analyze([{ text: 'c bad', lang: 'en' }]);
    expect(refused[0]).to.deep.include({ ok: true, label: 'NEGATIVE' });
    expect(refused[0]).not.to.have.property('keyPhrases');
    expect(client.calls.filter((c) => c.api === 'phrases' && c.texts[0] === 'c bad')).to.have.length(1);
  });

  it('retries throttled key-phrase calls, and rejects when retries run out so the batch is not checkpointed', async () => {
    client.phraseFailures.push(sdkError('ThrottlingException', 400));
    const retried = await analyzer.analyze([{ text: 'a good', lang: 'en' }]);
    expect(retried[0]).to.deep.include({ ok: true, keyPhrases: ['p:a'] });

    client.phraseFailures.push(...[1, 2, 3].map(() => sdkError('ThrottlingException', 400)));
    let failure: unknown;
    try {
      await analyzer.analyze([{ text: 'b good', lang: 'en' }]);
    } catch (error: unknown) {
      failure = error;
    }
    expect(failure).to.have.property('code', 'RETRIES_EXHAUSTED');
  });

  it('makes no key-phrase call when key phrases are turned off', async () => {
    const off = new ComprehendAnalyzer({
      client: client as unknown as ComprehendClient,
      callsPerSecond: 1_000,
      keyPhrases: false,
      sleep: () => Promise.resolve(),
    });
    const [outcome] = await off.analyze([{ text: 'a good', lang: 'en' }]);
    expect(outcome).to.deep.include({ ok: true, label: 'POSITIVE' });
    expect(outcome).not.to.have.property('keyPhrases');
    expect(client.calls.map((c) => c.api)).to.deep.equal(['sentiment']);
  });
});
