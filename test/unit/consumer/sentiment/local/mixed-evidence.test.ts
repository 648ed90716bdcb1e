// MIXED needs an opinion on each side: tone markers (emoji, emoticons, laughter, interjections) are not strong evidence.
import { expect } from 'chai';
import { LocalAnalyzer } from '../../../../../consumer/sentiment/local-analyzer';
import { isToneMarker } from '../../../../../consumer/sentiment/local/tone-markers';
import { tokenize } from '../../../../../consumer/sentiment/local/tokenize';

describe('MIXED evidence', () => {
  const analyzer = new LocalAnalyzer();
  const tokens = (text: string): ReturnType<typeof tokenize> =>
    tokenize(text, (piece) => [':-p', ':-D', '<3'].includes(piece));

  it('knows tone markers from words that state an opinion', () => {
    const marks = tokens('wow :-p <3 LOL hahaha 😂 great awful 2day').map((t) => [t.text, isToneMarker(t)]);
    expect(marks).to.deep.equal([
      ['wow', true],
      [':-p', true],
      ['<3', true],
      ['LOL', true],
      ['hahaha', true],
      ['😂', true],
      ['great', false],
      ['awful', false],
      ['2day', false],
    ]);
  });

  it('is not MIXED when one side is only a wink, a laugh or an interjection', () => {
    expect(analyzer.score("Yep, but I already know you're a weirdo :-p").label).to.not.equal('MIXED');
    expect(analyzer.score('LOL. They asked me to pick my 5 worst rappers.').label).to.equal('NEGATIVE');
    expect(analyzer.score('Wow. Struck out looking. Never done that before. #awful').label).to.equal('NEGATIVE');
    expect(analyzer.score('You can be a vegan and still stab yourself :-D').label).to.not.equal('MIXED');
  });

  it('stays MIXED with a strong opinion word on each side', () => {
    expect(analyzer.score('The food was wonderful and the service was terrible').label).to.equal('MIXED');
    expect(
      analyzer.score('ha, brilliant! They finally dumped our packet on the doorstep after failing to deliver.').label,
    ).to.equal('MIXED');
  });

  it('says in --explain that a tone marker was not counted as strong evidence', () => {
    const lol = analyzer.explain('LOL. They asked me to pick my 5 worst rappers.').tokens.find((t) => t.text === 'LOL');
    expect(lol?.rules).to.include('tone marker: not strong evidence for MIXED');
  });

  it('reads "the shit out of" as the expletive, not as VADER\'s praise "the shit"', () => {
    expect(analyzer.score('I confused the shit out of him').label).to.equal('NEGATIVE');
    expect(analyzer.explain('I confused the shit out of him').tokens.map((t) => t.source)).to.include(
      'idiom "the shit out of"',
    );
    expect(analyzer.score('that new tram is the shit').label).to.equal('POSITIVE');
  });

  it('needs the two opinions in different clauses: one clause makes one evaluation', () => {
    expect(analyzer.score('log of who is letting the terrorists win').label).to.equal('NEGATIVE');
    expect(analyzer.score('The food was wonderful and the service was terrible').label).to.equal('MIXED');
    expect(analyzer.score('The food was wonderful. The service was terrible.').label).to.equal('MIXED');
    expect(analyzer.explain('The food was wonderful and the service was terrible').labelReason).to.match(
      /different clauses/,
    );
  });
});
