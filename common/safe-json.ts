// Parses JSON from a source without losing big integers: an integer beyond 2^53 (an X post id as a number) stays its decimal string.
import { isInteger, isSafeNumber, parse } from 'lossless-json';

/**
 * JSON.parse reads `{"id": 1865123456789012999}` as the double 1865123456789013000, so two posts share an id and the
 * second is dropped as a duplicate. Here an integer that a double cannot hold exactly is returned as its digits (a
 * string); every other number is a plain number. Throws SyntaxError on text that is not JSON, like JSON.parse.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  return parse(text, null, (digits) => (isInteger(digits) && !isSafeNumber(digits) ? digits : Number(digits)));
}

/** A post id read without a double: `id_str` when the source gives it (X's v1.1 form), else `id` as a string or a safe number. */
export function readPostId(object: Readonly<Record<string, unknown>>): string | undefined {
  for (const value of [object.id_str, object.id]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  }
  return undefined;
}
