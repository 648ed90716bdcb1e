// Errors the sentiment analyzers throw on purpose.
import { ToolkitError } from '../../common/errors';

/** A lexicon's npm package is missing or unreadable: the local analyzer cannot start. */
export class LexiconLoadError extends ToolkitError {
  public constructor(what: string, cause: unknown) {
    super('SENTIMENT_LEXICON_UNAVAILABLE', `cannot load the ${what} lexicon: is its npm package installed?`, { cause });
  }
}
