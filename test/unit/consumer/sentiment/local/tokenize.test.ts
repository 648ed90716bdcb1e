// The tokenizer: words stripped of edge punctuation, emoticons kept whole, emoji split out, clause starts marked.
import { expect } from 'chai';
import { decodeEntities, tokenize } from '../../../../../consumer/sentiment/local/tokenize';

const emoticons = new Set([':)', ':-(', '<3', ':d']);
const isEmoticon = (piece: string): boolean => emoticons.has(piece.toLowerCase());
const words = (text: string): string[] => tokenize(text, isEmoticon).map((token) => token.lower);

describe('tokenize', () => {
  it('strips edge punctuation, hashtags and mentions but keeps inner apostrophes', () => {
    expect(words('#Happy!! @friend, "don\'t" ¿qué?')).to.deep.equal(['happy', 'friend', "don't", 'qué']);
  });

  it('keeps emoticons whole and splits emoji off the words they touch', () => {
    expect(words('great:) fun :) <3 :D love😍😍')).to.deep.equal([
      'great',
      'fun',
      ':)',
      '<3',
      ':d',
      'love',
      '😍',
      '😍',
    ]);
  });

  it('drops skin tones and variation selectors, and surrogate pairs stay whole', () => {
    expect(words('ok 👍🏽 ❤️')).to.deep.equal(['ok', '👍', '❤']);
  });

  it('keeps a ZWJ sequence as one emoji token whose lower-case form is its base pictograph', () => {
    const tokens = tokenize('🤦🏽\u200d♀\ufe0f again 👨\u200d👩\u200d👧', isEmoticon);
    expect(tokens.map((t) => [t.text, t.lower])).to.deep.equal([
      ['🤦\u200d♀', '🤦'],
      ['again', 'again'],
      ['👨\u200d👩\u200d👧', '👨'],
    ]);
  });

  it('marks the first token after clause punctuation or a line break', () => {
    const tokens = tokenize('not good. but fine, ok\nyes', isEmoticon);
    expect(tokens.map((t) => t.clauseStart)).to.deep.equal([false, false, true, false, true, true]);
  });

  it('cuts elongations and canonicalises laughter, flags all-caps words', () => {
    const [elongated, laughter, caps] = tokenize('goooood jajajaja GREAT', isEmoticon);
    expect(elongated).to.include({ lower: 'good', squeezed: 'god' });
    expect(laughter?.lower).to.equal('jaja');
    expect(caps?.allCaps).to.equal(true);
  });

  it('decodes HTML entities that social media APIs leave in text', () => {
    expect(decodeEntities('a &amp; b &lt;3 &#39;x&#x27; &bogus;')).to.equal("a & b <3 'x' &bogus;");
  });
});
