// Pure: Comprehend's BatchDetectKeyPhrases response as one phrase list (or none) per document of the batch.
import type { BatchDetectKeyPhrasesCommandOutput } from '@aws-sdk/client-comprehend';

/**
 * The key phrases of each of `size` documents, by the response's `Index`: `ResultList[].KeyPhrases[].Text` in the
 * order Comprehend gives them (by offset in the text), blank ones dropped; `undefined` for a document in `ErrorList`
 * or missing from the response, so its post is stored without phrases rather than lost. An item with an index outside
 * the batch is ignored. Shapes: https://docs.aws.amazon.com/comprehend/latest/APIReference/API_BatchDetectKeyPhrases.html
 */
export function keyPhrasesByDocument(
  output: Pick<BatchDetectKeyPhrasesCommandOutput, 'ResultList' | 'ErrorList'>,
  size: number,
): (readonly string[] | undefined)[] {
  const phrases = new Array<readonly string[] | undefined>(size).fill(undefined);
  for (const item of output.ResultList ?? []) {
    const index = item.Index ?? -1;
    if (index < 0 || index >= size) continue;
    phrases[index] = (item.KeyPhrases ?? []).map((phrase) => phrase.Text?.trim() ?? '').filter((text) => text !== '');
  }
  for (const item of output.ErrorList ?? []) {
    const index = item.Index ?? -1;
    if (index >= 0 && index < size) phrases[index] = undefined;
  }
  return phrases;
}
