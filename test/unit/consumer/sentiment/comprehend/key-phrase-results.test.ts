// Comprehend's BatchDetectKeyPhrases response mapped to one phrase list (or none) per document of the batch.
import { expect } from 'chai';
import { keyPhrasesByDocument } from '../../../../../consumer/sentiment/comprehend/key-phrase-results';

describe('keyPhrasesByDocument', () => {
  it('places each result by its Index, phrases in the order given, blank ones dropped', () => {
    const phrases = keyPhrasesByDocument(
      {
        ResultList: [
          { Index: 1, KeyPhrases: [{ Text: 'the metro' }, { Text: '  ' }, { Text: ' line 3 ' }] },
          { Index: 0, KeyPhrases: [] },
        ],
        ErrorList: [],
      },
      2,
    );
    expect(phrases).to.deep.equal([[], ['the metro', 'line 3']]);
  });

  it('gives no phrases (undefined) for an ErrorList item, a missing result or an index outside the batch', () => {
    const phrases = keyPhrasesByDocument(
      {
        ResultList: [
          { Index: 0, KeyPhrases: [{ Text: 'bus' }] },
          { Index: 7, KeyPhrases: [{ Text: 'stray' }] },
          { Index: 2, KeyPhrases: [{ Text: 'both' }] },
        ],
        ErrorList: [{ Index: 2, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'failed' }],
      },
      4,
    );
    expect(phrases).to.deep.equal([['bus'], undefined, undefined, undefined]);
  });
});
