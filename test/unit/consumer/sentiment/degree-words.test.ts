// Sentiment words that are also degree adverbs ("pretty", "super", "damn"): intensifiers before a sentiment word, words elsewhere.
import { expect } from 'chai';
import { LocalAnalyzer } from '../../../../consumer/sentiment/local-analyzer';

describe('degree words', () => {
  const analyzer = new LocalAnalyzer();
  const label = (text: string): string => analyzer.score(text).label;

  it('intensifies the next sentiment word instead of adding its own valence', () => {
    expect(label('super slow bus this morning')).to.equal('NEGATIVE');
    expect(label('the detour is pretty annoying')).to.equal('NEGATIVE');
    expect(label('bloody awful service')).to.equal('NEGATIVE');
    expect(analyzer.score('pretty bad').compound).to.be.lessThan(analyzer.score('bad').compound);
    expect(analyzer.score('damn good coffee').compound).to.be.greaterThan(analyzer.score('good coffee').compound);
  });

  it('keeps its own valence when no sentiment word follows in its clause', () => {
    expect(label('what a pretty square')).to.equal('POSITIVE');
    expect(label('damn, the lift again')).to.equal('NEGATIVE');
    expect(analyzer.score('pretty. bad').compound).to.be.greaterThan(analyzer.score('bad').compound);
  });

  it('shows the degree rule in --explain', () => {
    const pretty = analyzer.explain('pretty bad').tokens.find((t) => t.text === 'pretty');
    expect(pretty?.rules).to.deep.equal(['degree word before a sentiment word: an intensifier, not scored']);
  });
});
