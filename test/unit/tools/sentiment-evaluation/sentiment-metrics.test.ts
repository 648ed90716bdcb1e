// The evaluation's arithmetic: classes at ±0.05, per-class / macro / weighted F1 and Pearson r on hand-computed cases.
import { expect } from 'chai';
import { labelAccuracy } from '../../../../tools/sentiment-evaluation/label-accuracy';
import { parseLabelledSet } from '../../../../tools/sentiment-evaluation/labelled-set';
import { parseRatedCorpus, splitOf } from '../../../../tools/sentiment-evaluation/rated-corpus';
import { classOf, pearson, sentimentMetrics } from '../../../../tools/sentiment-evaluation/sentiment-metrics';

describe('sentimentMetrics', () => {
  it('puts the class boundaries at -0.05 and +0.05 inclusive', () => {
    expect([-0.05, -0.049, 0, 0.049, 0.05].map(classOf)).to.deep.equal([
      'negative',
      'neutral',
      'neutral',
      'neutral',
      'positive',
    ]);
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

  it('splits the rated corpus by id: odd ids dev, even and non-numeric ids test', () => {
    expect(['1', '2', '4199', '4200', 'x'].map(splitOf)).to.deep.equal(['dev', 'test', 'dev', 'test', 'test']);
  });

  it('counts a held-out label right only when it names the expected class; MIXED is never right', () => {
    const set = parseLabelledSet(
      JSON.stringify({
        cases: [
          { expected: 'positive', text: 'a' },
          { expected: 'positive', text: 'b' },
          { expected: 'negative', text: 'c' },
          { expected: 'neutral', text: 'd' },
        ],
      }),
    );
    const labels: Record<string, 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED'> = {
      a: 'POSITIVE',
      b: 'MIXED',
      c: 'NEUTRAL',
      d: 'NEUTRAL',
    };
    const accuracy = labelAccuracy(set, (c) => labels[c.text] ?? 'NEUTRAL');
    expect(accuracy.polarAccuracy).to.be.closeTo(1 / 3, 1e-12);
    expect(accuracy.perClass.neutral).to.deep.equal({ right: 1, items: 1 });
    expect(() => parseLabelledSet('{"cases":[{"expected":"good","text":"x"}]}')).to.throw(SyntaxError);
  });
});
