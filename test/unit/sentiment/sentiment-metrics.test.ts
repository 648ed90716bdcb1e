// The evaluation's arithmetic: classes at ±0.05, per-class / macro / weighted F1 and Pearson r on hand-computed cases.
import { expect } from 'chai';
import { parseRatedCorpus } from '../../../consumer/sentiment/evaluation/rated-corpus';
import { classOf, pearson, sentimentMetrics } from '../../../consumer/sentiment/evaluation/sentiment-metrics';

describe('sentimentMetrics', () => {
  it('puts the class boundaries at -0.05 and +0.05 inclusive', () => {
    expect([-0.05, -0.049, 0, 0.049, 0.05].map(classOf)).to.deep.equal(['negative', 'neutral', 'neutral', 'neutral', 'positive']);
  });

  it('computes per-class, macro and support-weighted F1 and accuracy', () => {
    const truth = [0.5, 0.5, 0.5, -0.5, 0];
    const predicted = [0.5, 0.5, -0.5, -0.5, 0];
    const m = sentimentMetrics(predicted, truth);
    expect(m.perClass.positive).to.deep.include({ precision: 1, recall: 2 / 3, support: 3 });
    expect(m.perClass.negative.f1).to.be.closeTo(2 / 3, 1e-12);
    expect(m.perClass.neutral.f1).to.equal(1);
    expect(m.macroF1).to.be.closeTo((0.8 + 2 / 3 + 1) / 3, 1e-12);
    expect(m.weightedF1).to.be.closeTo((0.8 * 3 + 2 / 3 + 1) / 5, 1e-12);
    expect(m.accuracy).to.equal(0.8);
  });

  it('computes Pearson r: 1 for a linear relation, -1 for an inverse one', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).to.be.closeTo(1, 1e-12);
    expect(pearson([1, 2, 3], [3, 2, 1])).to.be.closeTo(-1, 1e-12);
  });

  it('parses id<TAB>rating<TAB>text, dividing the rating by 4', () => {
    expect(parseRatedCorpus('7\t-2\tso\tsad\n\n')).to.deep.equal([{ id: '7', rating: -0.5, text: 'so\tsad' }]);
    expect(() => parseRatedCorpus('7\tnope\ttext')).to.throw(SyntaxError);
  });
});
