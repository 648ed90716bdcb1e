// The local analyzer: VADER-style rules in English and Spanish, Comprehend's shape, and hand-written held-out sentences.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalAnalyzer } from '../../../../consumer/sentiment/local-analyzer';
import { REPO_ROOT } from '../../../../common/repo-root';

interface HeldOutCase {
  readonly lang: 'en' | 'es';
  readonly expected: 'positive' | 'negative' | 'neutral';
  readonly text: string;
}

const heldOut = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/sentiment/held-out.json'), 'utf8')) as {
    cases: HeldOutCase[];
  }
).cases;
const classOf = (compound: number): string =>
  compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral';

describe('LocalAnalyzer', () => {
  const analyzer = new LocalAnalyzer();
  const compound = (text: string, lang?: 'en' | 'es'): number => analyzer.score(text, lang).compound;

  for (const lang of ['en', 'es'] as const) {
    for (const given of [true, false]) {
      it(`classifies at least 90% of the hand-written ${lang} sentences (${given ? 'lang given' : 'lang detected'})`, () => {
        const cases = heldOut.filter((c) => c.lang === lang);
        const right = cases.filter((c) => classOf(compound(c.text, given ? lang : undefined)) === c.expected);
        expect(right.length / cases.length).to.be.at.least(0.9);
      });
    }
  }

  it('flips and dampens a negated word, also across two words and for capitalised negators', () => {
    expect(compound('the food was good')).to.be.greaterThan(0);
    expect(compound('the food was not good')).to.be.lessThan(0);
    expect(compound("Don't think it's good")).to.be.lessThan(0);
    expect(compound('no me gusta', 'es')).to.be.lessThan(0);
  });

  it('does not carry a negation across sentence punctuation', () => {
    expect(compound('Not today. The cake is good')).to.be.greaterThan(0);
  });

  it('strengthens with intensifiers, caps emphasis and exclamation marks, and weakens with dampeners', () => {
    const base = compound('the day was good');
    expect(compound('the day was very good')).to.be.greaterThan(base);
    expect(compound('the day was GOOD')).to.be.greaterThan(base);
    expect(compound('the day was good!!')).to.be.greaterThan(base);
    expect(compound('the day was slightly good')).to.be.lessThan(base);
    expect(compound('el día fue muy bueno', 'es')).to.be.greaterThan(compound('el día fue bueno', 'es'));
  });

  it('weights the clause after "but" / "pero" over the one before it', () => {
    expect(compound('the room was nice but the staff were rude')).to.be.lessThan(0);
    expect(compound('la habitación era bonita pero el trato fue horrible', 'es')).to.be.lessThan(0);
  });

  it('scores emoji, emoticons and HTML-escaped emoticons in both languages', () => {
    expect(compound('tonight 😍')).to.be.greaterThan(0.05);
    expect(compound('tonight 😡')).to.be.lessThan(-0.05);
    expect(compound('see you tomorrow :)')).to.be.greaterThan(0.05);
    expect(compound('see you tomorrow :(')).to.be.lessThan(-0.05);
    expect(compound('nos vemos &lt;3', 'es')).to.be.greaterThan(0.05);
  });

  it('reads elongated words, laughter, accent-free and inflected Spanish', () => {
    expect(compound('una película buenísima', 'es')).to.be.greaterThan(compound('una película buena', 'es'));
    expect(compound('unas vistas increíbles', 'es')).to.be.greaterThan(0.05);
    expect(compound('soooo goooood')).to.be.greaterThan(0.3);
    expect(compound('jajajaja', 'es')).to.be.greaterThan(0.05);
    expect(compound('que cancion tan horrible', 'es')).to.be.lessThan(-0.05);
  });

  it('detects Spanish and English when a post has no lang', () => {
    expect(analyzer.score('No me gusta nada el frío de hoy').lang).to.equal('es');
    expect(analyzer.score('I do not like the cold today').lang).to.equal('en');
  });

  it("returns Comprehend's shape: four scores summing to 1, the label agreeing with the compound", () => {
    for (const text of ['what a lovely morning', 'what a horrible morning', 'the bus leaves at nine']) {
      const { scores, label, compound: c } = analyzer.score(text);
      const sum = scores.Positive + scores.Negative + scores.Neutral + scores.Mixed;
      expect(sum).to.be.closeTo(1, 1e-9);
      expect(label).to.equal(c >= 0.05 ? 'POSITIVE' : c <= -0.05 ? 'NEGATIVE' : 'NEUTRAL');
      const top = Object.entries(scores).sort((a, b) => b[1] - a[1])[0]?.[0];
      expect(top?.toUpperCase()).to.equal(label);
    }
  });

  it('labels MIXED when both strong positive and strong negative evidence are present', () => {
    const result = analyzer.score('The food was wonderful and the service was terrible');
    expect(result.label).to.equal('MIXED');
    expect(result.scores.Mixed).to.be.greaterThan(
      Math.max(result.scores.Positive, result.scores.Negative, result.scores.Neutral),
    );
  });

  it('records an unsupported language instead of scoring it, and detects "und"', async () => {
    const outcomes = await analyzer.analyze([
      { text: "C'est magnifique", lang: 'fr' },
      { text: 'I love it', lang: 'und' },
      { text: 'Las vistas son buenas', lang: 'es-419' },
    ]);
    expect(outcomes[0]).to.deep.include({ ok: false, lang: 'fr' });
    expect(outcomes[1]).to.deep.include({ ok: true, label: 'POSITIVE', lang: 'en' });
    expect(outcomes[2]).to.deep.include({ ok: true, label: 'POSITIVE', lang: 'es' });
  });
});
