// The Comprehend adapter over HTTP against a fake of Comprehend's JSON protocol: the real SDK serialises every call.
import { expect } from 'chai';
import type { AwsClientFactory } from '../../../../common/aws/client-factory';
import { ComprehendAnalyzer, type ComprehendAnalyzerOptions } from '../../../../consumer/sentiment/comprehend-analyzer';
import { FakeComprehendServer } from '../../../fakes/fake-comprehend-server';
import { fakeComprehendClient } from '../../../fakes/fake-comprehend-client';

describe('ComprehendAnalyzer against a fake Comprehend endpoint', () => {
  const server = new FakeComprehendServer();
  let factory: AwsClientFactory;
  let analyzer: ComprehendAnalyzer;
  const waits: number[] = [];
  const build = (extra: Partial<ComprehendAnalyzerOptions> = {}): ComprehendAnalyzer =>
    new ComprehendAnalyzer({
      client: factory.comprehend(),
      callsPerSecond: 1_000,
      retryPolicy: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50 },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      detectLanguage: () => undefined,
      ...extra,
    });

  before(async () => {
    await server.start();
    factory = fakeComprehendClient(server).factory;
  });
  after(async () => {
    factory.destroy();
    await server.stop();
  });
  beforeEach(() => {
    server.batches.length = 0;
    server.phraseBatches.length = 0;
    server.throttleOperation = undefined;
    server.throttleNext = 0;
    server.throttled = 0;
    waits.length = 0;
    analyzer = build();
  });

  it('sends at most 25 documents of one language per call and returns outcomes in input order', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => ({
      text: i % 2 === 0 ? `good ${i}` : `bad ${i}`,
      lang: i < 27 ? 'en' : 'es',
    }));
    const outcomes = await analyzer.analyze(docs);
    expect(server.batches.map((b) => [b.LanguageCode, b.TextList.length])).to.deep.equal([
      ['en', 25],
      ['en', 2],
      ['es', 3],
    ]);
    expect(outcomes.map((o) => (o.ok ? o.label : o.reason))).to.deep.equal(
      docs.map((d) => (d.text.startsWith('good') ? 'POSITIVE' : 'NEGATIVE')),
    );
    expect(outcomes[29]).to.deep.include({ ok: true, lang: 'es' });
    expect(outcomes[0]).to.deep.include({ scores: { Positive: 0.91, Negative: 0.03, Neutral: 0.03, Mixed: 0.03 } });
  });

  it('truncates documents to 5,000 UTF-8 bytes without splitting a multi-byte character', async () => {
    const text = `good ${'é'.repeat(2_000)}${'😀'.repeat(500)}`;
    const [outcome] = await analyzer.analyze([{ text, lang: 'en' }]);
    const sent = server.batches[0]?.TextList[0] ?? '';
    expect(outcome).to.deep.include({ ok: true, label: 'POSITIVE' });
    expect(Buffer.byteLength(sent, 'utf8')).to.be.at.most(5_000).and.at.least(4_997);
    expect(text.startsWith(sent)).to.equal(true);
    expect(Buffer.from(sent, 'utf8').toString('utf8')).to.equal(sent);
  });

  it("maps each ErrorList item to a failed outcome with its reason, keeping the batch's other results", async () => {
    const outcomes = await analyzer.analyze([
      { text: 'good', lang: 'en' },
      { text: 'FAIL_ITEM', lang: 'en' },
      { text: 'bad', lang: 'en' },
    ]);
    expect(outcomes[0]).to.deep.include({ ok: true, label: 'POSITIVE' });
    expect(outcomes[1]).to.deep.equal({ ok: false, reason: 'INTERNAL_SERVER_ERROR: item failed', lang: 'en' });
    expect(outcomes[2]).to.deep.include({ ok: true, label: 'NEGATIVE' });
  });

  it('retries a throttled call with backoff and then succeeds', async () => {
    server.throttleNext = 2;
    const outcomes = await analyzer.analyze([{ text: 'good', lang: 'en' }]);
    expect(outcomes[0]).to.deep.include({ ok: true, label: 'POSITIVE' });
    expect(server.throttled).to.equal(2);
    expect(server.batches).to.have.length(3);
    expect(waits).to.have.length(2);
  });

  it('rejects when throttling outlasts the retry policy, so the caller does not checkpoint', async () => {
    server.throttleNext = 10;
    let failure: unknown;
    try {
      await analyzer.analyze([{ text: 'good', lang: 'en' }]);
    } catch (error: unknown) {
      failure = error;
    }
    expect(failure).to.have.property('code', 'RETRIES_EXHAUSTED');
    expect(server.batches).to.have.length(4);
  });

  it('records unsupported languages without calling Comprehend, and detects or falls back for posts without lang', async () => {
    analyzer = build({
      detectLanguage: (text) => (text.startsWith('hola') ? 'es' : undefined),
      fallbackLanguage: 'en',
    });
    const outcomes = await analyzer.analyze([
      { text: 'dobry den', lang: 'cs' },
      { text: 'hola good', lang: 'und' },
      { text: 'good', lang: undefined },
    ]);
    expect(outcomes[0]).to.deep.include({ ok: false, lang: 'cs' });
    expect(outcomes[1]).to.deep.include({ ok: true, lang: 'es' });
    expect(outcomes[2]).to.deep.include({ ok: true, lang: 'en' });
    expect(server.batches.map((b) => b.LanguageCode).sort()).to.deep.equal(['en', 'es']);
  });

  it('turns a batch the service rejects for good into failed outcomes, without retrying it, and skips empty documents', async () => {
    const outcomes = await analyzer.analyze([
      { text: 'good REJECT_BATCH', lang: 'en' },
      { text: 'good', lang: 'en' },
      { text: ' ', lang: 'en' },
      { text: 'good', lang: 'es' },
    ]);
    expect(outcomes[0]).to.deep.include({ ok: false, lang: 'en' });
    expect(outcomes[0]?.ok === false && outcomes[0].reason).to.match(/^batch rejected: InvalidRequestException/);
    expect(outcomes[1]).to.deep.include({ ok: false, lang: 'en' });
    expect(outcomes[2]).to.deep.equal({ ok: false, reason: 'empty document', lang: 'en' });
    expect(outcomes[3]).to.deep.include({ ok: true, label: 'POSITIVE' });
    expect(server.batches.map((b) => [b.LanguageCode, b.TextList.length])).to.deep.equal([
      ['en', 2],
      ['es', 1],
    ]);
  });

  it('asks BatchDetectKeyPhrases for the scored documents of each batch and keeps their phrases with the outcome', async () => {
    const outcomes = await analyzer.analyze([
      { text: 'good: the new bus line, finally', lang: 'en' },
      { text: 'FAIL_ITEM bad', lang: 'en' },
      { text: 'bad FAIL_PHRASES', lang: 'en' },
      { text: 'bad; el metro, otra vez', lang: 'es' },
    ]);
    expect(server.phraseBatches).to.deep.equal([
      { LanguageCode: 'en', TextList: ['good: the new bus line, finally', 'bad FAIL_PHRASES'] },
      { LanguageCode: 'es', TextList: ['bad; el metro, otra vez'] },
    ]);
    expect(outcomes[0]).to.deep.include({ ok: true, keyPhrases: ['good', 'the new bus line', 'finally'] });
    expect(outcomes[1]).to.deep.include({ ok: false });
    expect(outcomes[2]).to.deep.include({ ok: true, label: 'NEGATIVE' });
    expect(outcomes[2]).not.to.have.property('keyPhrases');
    expect(outcomes[3]).to.deep.include({ ok: true, keyPhrases: ['bad', 'el metro', 'otra vez'] });
  });

  it('retries a throttled key-phrase call; a key-phrase call refused for good keeps the sentiment without phrases', async () => {
    server.throttleOperation = 'BatchDetectKeyPhrases';
    server.throttleNext = 2;
    const [retried] = await analyzer.analyze([{ text: 'good, bus', lang: 'en' }]);
    expect(retried).to.deep.include({ ok: true, keyPhrases: ['good', 'bus'] });
    expect(server.batches).to.have.length(1);
    expect(server.phraseBatches).to.have.length(3);

    const [refused] = await analyzer.analyze([{ text: 'bad REJECT_PHRASES', lang: 'en' }]);
    expect(refused).to.deep.include({ ok: true, label: 'NEGATIVE' });
    expect(refused).not.to.have.property('keyPhrases');
  });
});
