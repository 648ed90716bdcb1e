// Truncation to a UTF-8 byte budget never splits a character, checked against Buffer's encoding.
import { expect } from 'chai';
import fc from 'fast-check';
import { truncateUtf8 } from '../../../common/utf8-truncate';

describe('truncateUtf8', () => {
  it('keeps text that fits and cuts before a character that would not', () => {
    expect(truncateUtf8('abc', 5)).to.equal('abc');
    expect(truncateUtf8('aé', 2)).to.equal('a');
    expect(truncateUtf8('a😀b', 4)).to.equal('a');
    expect(truncateUtf8('a😀b', 5)).to.equal('a😀');
  });

  it('returns the longest prefix within the budget that round-trips through UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 0, max: 400 }), (text, max) => {
        const cut = truncateUtf8(text, max);
        expect(text.startsWith(cut)).to.equal(true);
        expect(Buffer.byteLength(cut, 'utf8')).to.be.at.most(max);
        const last = cut.charCodeAt(cut.length - 1);
        const next = text.charCodeAt(cut.length);
        expect(last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff).to.equal(false);
        if (cut.length < text.length) {
          const step =
            next >= 0xd800 &&
            next <= 0xdbff &&
            text.charCodeAt(cut.length + 1) >= 0xdc00 &&
            text.charCodeAt(cut.length + 1) <= 0xdfff
              ? 2
              : 1;
          expect(Buffer.byteLength(text.slice(0, cut.length + step), 'utf8')).to.be.greaterThan(max);
        }
      }),
    );
  });
});
