// The kinds of input issue 13 listed as failing, each with more texts than the listed one, and their look-alikes that must not change.
import { expect } from 'chai';
import { LocalAnalyzer } from '../../../../consumer/sentiment/local-analyzer';

describe('LocalAnalyzer on the failing kinds of issue 13', () => {
  const analyzer = new LocalAnalyzer();
  const label = (text: string, lang?: 'en' | 'es'): string => analyzer.score(text, lang).label;

  it('reads negated comparatives and superlatives as emphasis, a plain negated comparative as negation', () => {
    expect(label('Never had a slower bus ride than this morning')).to.equal('NEGATIVE');
    expect(label('Never seen a dirtier station in my life')).to.equal('NEGATIVE');
    expect(label("I couldn't be happier with the new tram")).to.equal('POSITIVE');
    expect(label('Nothing worse than waiting in the rain for the night bus')).to.equal('NEGATIVE');
    expect(label('No better way to see the city than by bike')).to.equal('POSITIVE');
    expect(label('The new timetable is not better')).to.equal('NEGATIVE');
    expect(label('nunca he visto un servicio peor', 'es')).to.equal('NEGATIVE');
  });

  it('scores emoji outside the ranking, with skin tones and ZWJ sequences normalised to their base', () => {
    expect(label('😤')).to.equal('NEGATIVE');
    expect(label('the new tax 👎🏻')).to.equal('NEGATIVE');
    expect(label('🤦‍♀️ again')).to.equal('NEGATIVE');
    expect(label('🤦🏽‍♂️ the roadworks')).to.equal('NEGATIVE');
    expect(label('new bike lane 🥰')).to.equal('POSITIVE');
    expect(label('the 22 was on time 🙂')).to.equal('POSITIVE');
    expect(label('ok 👍🏿')).to.equal('POSITIVE');
    // ♀ after a joiner is part of the sequence, not an emoji of its own.
    expect(analyzer.explain('🤦‍♀️').tokens.map((t) => t.text)).to.deep.equal(['🤦\u200d♀']);
  });

  it('reads Spanish idioms as wholes, negating one only from outside it', () => {
    expect(label('me parece fatal')).to.equal('NEGATIVE');
    expect(label('qué asco de tráfico')).to.equal('NEGATIVE');
    expect(label('ni de broma voy en bici con este carril')).to.equal('NEGATIVE');
    expect(label('hasta las narices de las obras', 'es')).to.equal('NEGATIVE');
    expect(label('el nuevo tranvía es una pasada', 'es')).to.equal('POSITIVE');
    expect(label('el paseo marítimo ha quedado de lujo', 'es')).to.equal('POSITIVE');
    expect(label('no vale la pena esperar el autobús', 'es')).to.equal('NEGATIVE');
  });

  it('turns praise negative behind a sarcasm marker, and leaves sincere praise alone', () => {
    expect(label('Oh wonderful, the bus is late again 🙄')).to.equal('NEGATIVE');
    expect(label('Oh wonderful, the bus is late again')).to.equal('NEGATIVE');
    expect(label('Love how the lifts are always out of order 🙄')).to.equal('NEGATIVE');
    expect(label('Great planning as usual #sarcasm')).to.equal('NEGATIVE');
    expect(label('Oh wonderful, a sunny day for the parade')).to.equal('POSITIVE');
    expect(label('Wonderful service on the 14 today')).to.equal('POSITIVE');
  });

  it('reads a denied expectation as disappointment, and a met one as what it says', () => {
    expect(label('we were promised cleaner air and got nothing')).to.equal('NEGATIVE');
    expect(label('The tram was supposed to be faster and it is still stuck in traffic')).to.equal('NEGATIVE');
    expect(label('nos prometieron un aire más limpio y seguimos sin nada', 'es')).to.equal('NEGATIVE');
    expect(label('They promised cleaner air and delivered it')).to.equal('POSITIVE');
  });

  it('reads "can\'t wait to / for / !" as eagerness, and a literal "can\'t wait here" as nothing', () => {
    expect(label("Can't wait for the new tram line")).to.equal('POSITIVE');
    expect(label('cant wait to ride it!')).to.equal('POSITIVE');
    expect(label("insurance comes through tomorrow. can't wait. no more scrapper")).to.equal('POSITIVE');
    expect(label("I can't wait here all day")).to.equal('NEUTRAL');
    expect(label('no veo la hora de que abran el carril bici', 'es')).to.equal('POSITIVE');
    expect(analyzer.explain("Can't wait!").tokens.map((t) => t.source)).to.deep.equal(['idiom "can\'t wait"']);
  });

  it('reads "haven\'t been this ..." as emphasis, "haven\'t been so ..." as negation', () => {
    expect(label("Haven't been this sore in a while.")).to.equal('NEGATIVE');
    expect(label("I haven't felt this happy about the buses in years")).to.equal('POSITIVE');
    expect(label("We haven't been so lucky with the trams lately")).to.equal('NEGATIVE');
  });

  it('reads "kill (some) time" as passing time', () => {
    expect(label('gonna kill some time at the station before the train')).to.equal('NEUTRAL');
    expect(label('killing time at the depot')).to.equal('NEUTRAL');
    expect(label('they want to kill the night bus')).to.equal('NEGATIVE');
  });

  it('reads interjections of exasperation as negative, with their source in --explain', () => {
    expect(label('Over an hour to get home from work tonight. Sigh.')).to.equal('NEGATIVE');
    expect(label('*sigh* the 14 again')).to.equal('NEGATIVE');
    expect(label('ouch, the fare went up')).to.equal('NEGATIVE');
    expect(analyzer.explain('Sigh.').tokens.map((t) => t.source)).to.deep.equal(['interjection: AFINN-165 x0.8']);
  });

  it('reads excitement slang the lexicon lacks as "excited"', () => {
    expect(label('Unerring pumped.')).to.equal('POSITIVE');
    expect(label('stoked for the new night buses')).to.equal('POSITIVE');
    expect(analyzer.score('psyched').compound).to.equal(analyzer.score('excited').compound);
  });
});
