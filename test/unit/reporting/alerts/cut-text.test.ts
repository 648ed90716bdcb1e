// Cutting example texts (issue 25 item 8): never inside a surrogate pair or a grapheme cluster, lone surrogates replaced.
import { expect } from 'chai';
import fc from 'fast-check';
import { cutGraphemes, cutUtf8Bytes, wellFormed } from '../../../../reporting/alerts/cut-text';

/** True when every surrogate in `text` is paired (what encodeURIComponent and UTF-8 need). */
function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

describe('cut-text', () => {
  it('keeps an emoji whole where a cut at 280 UTF-16 units would split its surrogate pair', () => {
    const text = `${'a'.repeat(279)}😡 and more`;
    expect(isWellFormed(text.slice(0, 280)), 'the old cut').to.equal(false);
    const cut = cutGraphemes(text, 280);
    expect(isWellFormed(cut)).to.equal(true);
    expect(cut).to.equal(`${'a'.repeat(279)}…`);
    expect(cutGraphemes(`${'a'.repeat(278)}😡 and more`, 280)).to.equal(`${'a'.repeat(278)}😡…`);
  });

  it('counts a flag, a skin-toned emoji and a letter with combining marks as one character each', () => {
    expect(cutGraphemes('🇪🇸👍🏽é̃xyz', 4)).to.equal('🇪🇸👍🏽é̃…');
    expect(cutGraphemes('🇪🇸👍🏽é̃', 3)).to.equal('🇪🇸👍🏽é̃');
  });

  it('replaces lone surrogates that came with the input', () => {
    expect(wellFormed('ok \udc00ZBE \ud83d')).to.equal('ok \ufffdZBE \ufffd');
    expect(cutGraphemes('\ud83d', 280)).to.equal('\ufffd');
  });

  it('cuts to a UTF-8 byte budget between grapheme clusters', () => {
    const cut = cutUtf8Bytes('ñ'.repeat(10) + '😡'.repeat(10), 30);
    expect(Buffer.byteLength(cut)).to.be.at.most(30);
    expect(cut).to.equal(`${'ñ'.repeat(10)}😡…`);
  });

  it('always returns well-formed text within the limits (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 1, max: 300 }), (text, max) => {
        const cut = cutGraphemes(text, max);
        const bytes = cutUtf8Bytes(text, max + 3);
        return (
          isWellFormed(cut) &&
          isWellFormed(bytes) &&
          [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(cut)].length <= max &&
          Buffer.byteLength(bytes) <= max + 3
        );
      }),
    );
  });
});
