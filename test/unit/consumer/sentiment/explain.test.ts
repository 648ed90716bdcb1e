// LocalAnalyzer.explain and its text form: the words, emoji and rules that moved a score, consistent with score().
import { expect } from 'chai';
import fc from 'fast-check';
import { LocalAnalyzer } from '../../../../consumer/sentiment/local-analyzer';
import { formatExplanation } from '../../../../consumer/sentiment/local/format-explanation';

describe('LocalAnalyzer.explain', () => {
  const analyzer = new LocalAnalyzer();

  it('gives the same label, scores and compound as score()', () => {
    for (const text of [
      'Oh wonderful, the bus is late again 🙄',
      'what a lovely tram',
      'qué asco de tráfico',
      'the bus leaves at nine',
    ]) {
      const e = analyzer.explain(text);
      expect({ label: e.label, scores: e.scores, compound: e.compound, lang: e.lang }).to.deep.equal(
        analyzer.score(text),
      );
    }
  });

  it('names each sentiment word with its lexicon value and the rules that changed it', () => {
    const e = analyzer.explain('The driver was not very friendly but the bus was great!');
    const friendly = e.tokens.find((t) => t.text === 'friendly');
    expect(friendly?.lexicon).to.be.greaterThan(0);
    expect(friendly?.valence).to.be.lessThan(0);
    expect(friendly?.rules.join('; '))
      .to.match(/intensified by "very"/)
      .and.match(/negated by "not"/)
      .and.match(/before "but"/);
    expect(e.tokens.find((t) => t.text === 'great')?.rules.join()).to.match(/after "but" x1.5/);
    expect(e.textRules.join()).to.match(/punctuation emphasis/);
  });

  it('names emoji proxies, comparatives, idioms, sarcasm, denied expectations and why the label', () => {
    const sarcasm = analyzer.explain('Oh wonderful, the bus is late again 🙄');
    expect(sarcasm.tokens.find((t) => t.text === '🙄')?.source).to.match(/scored as 😒/);
    expect(sarcasm.textRules).to.include('sarcasm: 🙄');
    expect(sarcasm.labelReason).to.match(/^NEGATIVE: compound -0\.\d+ <= -0.05$/);
    expect(analyzer.explain('Never had a slower bus ride').tokens[0]?.source).to.equal('comparative of "slow"');
    expect(analyzer.explain('qué asco de tráfico').tokens[0]?.source).to.equal('idiom "qué asco"');
    expect(analyzer.explain('we were promised cleaner air and got nothing').textRules).to.deep.equal([
      'expectation denied: promised',
    ]);
    expect(analyzer.explain('The food was wonderful and the service was terrible').labelReason).to.match(/^MIXED: /);
  });

  it('renders readable lines: heading, label reason, scores, one line per token', () => {
    const text = formatExplanation('line 1', 'the tram is great', analyzer.explain('the tram is great'));
    const lines = text.split('\n');
    expect(lines[0]).to.equal('line 1 [en] "the tram is great"');
    expect(lines[1]).to.match(/^ {2}POSITIVE: compound/);
    expect(lines[2]).to.match(/^ {2}scores: Positive/);
    expect(lines[3]).to.match(/"great" +\+3\.10 {2}<- lexicon \+3\.10$/);
  });
});

describe('LocalAnalyzer on arbitrary text', () => {
  const analyzer = new LocalAnalyzer();
  const pieces = [
    'good',
    'not',
    'never',
    'slower',
    'but',
    'oh',
    'wonderful',
    ',',
    '.',
    '?',
    '!',
    ' ',
    '\u200d',
    '\ufe0f',
    '🏽',
    '🤦',
    '♀',
    '🙄',
    '😍',
    ':)',
    'qué',
    'asco',
    'ni',
    'de',
    'broma',
    'promised',
    'nothing',
    'y',
    'seguimos',
    '#sarcasm',
    'LOL',
    '&amp;',
    '\n',
  ];

  it('never throws, and its scores sum to 1 with the label on top, whatever the mix of words, emoji and modifiers', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const e = analyzer.explain(text);
        const values = Object.values(e.scores);
        expect(values.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-9);
        const top = Object.entries(e.scores).sort((a, b) => b[1] - a[1])[0]?.[0];
        expect(top?.toUpperCase()).to.equal(e.label);
        expect(analyzer.score(text).compound).to.equal(e.compound);
      }),
      { numRuns: 300 },
    );
  });
});
