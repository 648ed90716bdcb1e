// Term extraction (stop words, links, phrases), key-phrase normalisation, counting and ranking against the previous period.
import { expect } from 'chai';
import { countTerms } from '../../../../reporting/terms/count-terms';
import { extractTerms, normalizeKeyPhrases, termsOfPost } from '../../../../reporting/terms/extract-terms';
import { rankTerms } from '../../../../reporting/terms/rank-terms';
import { stopWordsFor } from '../../../../reporting/terms/stop-words';

describe('extractTerms', () => {
  it('drops Spanish stop words and keeps adjacent content words as a phrase', () => {
    expect(extractTerms('El transporte público de la ciudad está fatal', 'es')).to.deep.equal([
      'transporte',
      'público',
      'ciudad',
      'fatal',
      'transporte público',
    ]);
  });

  it('drops English stop words, links, mentions and hashtags, which also break phrases', () => {
    expect(extractTerms('The bus @cityhall https://t.co/x #buses delays again and again', 'en')).to.deep.equal([
      'bus',
      'delays',
      'again',
      'delays again',
    ]);
  });

  it('lower-cases, NFC-normalises and counts each term once per post', () => {
    const decomposed = 'Cafe\u0301 CAFÉ café';
    expect(extractTerms(decomposed, 'es')).to.deep.equal(['café', 'café café']);
  });

  it('skips short words and numbers, drops English clitics, keeps other inner apostrophes', () => {
    expect(extractTerms("Line 42 isn't running, 2026 is ok", 'en')).to.deep.equal(['line', 'running']);
    expect(extractTerms("The metro's doors", 'en')).to.deep.equal(['metro', 'doors', 'metro doors']);
    expect(extractTerms("o'clock", 'en')).to.deep.equal(["o'clock"]);
  });

  it('uses both lists when the language is unknown', () => {
    expect(stopWordsFor(null).has('the')).to.equal(true);
    expect(stopWordsFor(null).has('las')).to.equal(true);
    expect(stopWordsFor('es-ES').has('the')).to.equal(false);
    expect(extractTerms('the metro las obras', null)).to.deep.equal(['metro', 'obras']);
  });
});

describe('termsOfPost', () => {
  it('prefers stored key phrases, trimmed of stop words at their edges', () => {
    expect(normalizeKeyPhrases(['the bus fares', 'The Bus Fares', 'a'], 'en')).to.deep.equal(['bus fares']);
    expect(termsOfPost({ text: 'ignored words here', lang: 'en', keyPhrases: ['new metro line'] })).to.deep.equal([
      'new metro line',
    ]);
  });

  it('extracts from the text when no key phrases were stored', () => {
    expect(termsOfPost({ text: 'metro roto', lang: 'es', keyPhrases: null })).to.deep.equal([
      'metro',
      'roto',
      'metro roto',
    ]);
  });
});

describe('countTerms and rankTerms', () => {
  const post = (text: string, label: string | null) => ({ text, lang: 'es', label });

  it('counts posts per term with the negative and scored ones', () => {
    const counts = countTerms([post('metro roto', 'NEGATIVE'), post('metro nuevo', 'POSITIVE'), post('metro', null)]);
    expect(counts.find((c) => c.term === 'metro')).to.deep.equal({ term: 'metro', posts: 3, negative: 1, scored: 2 });
  });

  it('ranks by posts, compares with the previous period and marks rising terms', () => {
    const ranked = rankTerms(
      [
        { term: 'metro', posts: 10, negative: 5, scored: 10 },
        { term: 'obras', posts: 4, negative: 4, scored: 0 },
        { term: 'parque', posts: 6, negative: 0, scored: 6 },
        { term: 'once', posts: 1, negative: 0, scored: 1 },
      ],
      [
        { term: 'metro', posts: 9, negative: 1, scored: 9 },
        { term: 'parque', posts: 2, negative: 0, scored: 2 },
      ],
    );
    expect(ranked.map((t) => t.term)).to.deep.equal(['metro', 'parque', 'obras']);
    expect(ranked[0]).to.include({ negativeShare: 0.5, previousPosts: 9, rising: false });
    expect(ranked[0]!.change).to.be.closeTo(1 / 9, 1e-9);
    expect(ranked[1]).to.include({ change: 2, rising: true });
    expect(ranked[2]).to.include({ negativeShare: null, previousPosts: 0, change: null, rising: true });
  });

  it('honours the limit and the minimum', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ term: `t${i}`, posts: 40 - i, negative: 0, scored: 0 }));
    expect(rankTerms(many, [], { limit: 5 })).to.have.length(5);
    expect(rankTerms(many, [], { limit: 50, minPosts: 35 })).to.have.length(6);
  });
});
