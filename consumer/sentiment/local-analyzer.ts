// The embedded analyzer: a VADER-style rule scorer for English and Spanish over published lexicons, in Comprehend's shape.
import type { SentimentAnalyzer, SentimentDocument, SentimentOutcome } from './sentiment-analyzer';
import { primaryLanguage } from './language-code';
import { loadLexicons, type LexiconSet } from './local/lexicon-loader';
import { buildLanguageModels, type LanguageModels } from './local/language-model';
import type { LocalLanguage } from './local/language-rules';
import { detectLanguage } from './local/language-detector';
import { decodeEntities, tokenize } from './local/tokenize';
import { scoreValence } from './local/valence-scorer';
import { labelReason, toComprehendShape, type ComprehendShape } from './local/comprehend-shape';
import { ScoreTrace, type TokenTrace } from './local/score-trace';

export const LOCAL_LANGUAGES: readonly LocalLanguage[] = ['en', 'es'];

export interface LocalAnalyzerOptions {
  /** Language assumed when a post has no `lang` and detection cannot tell (default 'en'). */
  readonly fallbackLanguage?: LocalLanguage;
}

export interface LocalScore extends ComprehendShape {
  /** VADER's compound, -1..1: the figure the evaluation correlates with human ratings. */
  readonly compound: number;
  readonly lang: LocalLanguage;
}

/** A score with what moved it: `npm run score -- --explain`. */
export interface LocalExplanation extends LocalScore {
  /** The words, emoji and emoticons that carry sentiment or that a rule changed, in text order. */
  readonly tokens: readonly TokenTrace[];
  /** Rules over the whole text (sarcasm, denied expectation, punctuation emphasis). */
  readonly textRules: readonly string[];
  /** Why this label ("NEGATIVE: compound -0.52 <= -0.05", "MIXED: ..."). */
  readonly labelReason: string;
}

export class LocalAnalyzer implements SentimentAnalyzer {
  public readonly name = 'local';
  private readonly models: LanguageModels;
  private readonly fallbackLanguage: LocalLanguage;
  private readonly isEmoticon: (piece: string) => boolean;

  public constructor(options: LocalAnalyzerOptions = {}, lexicons: LexiconSet = loadLexicons()) {
    this.models = buildLanguageModels(lexicons);
    this.fallbackLanguage = options.fallbackLanguage ?? 'en';
    this.isEmoticon = (piece) => lexicons.emoticons.has(piece) || lexicons.emoticons.has(piece.toLowerCase());
  }

  /** Scores one text synchronously; `lang` must be 'en' or 'es' when given (undefined: detect). */
  public score(rawText: string, lang?: LocalLanguage): LocalScore {
    const text = decodeEntities(rawText);
    const tokens = tokenize(text, this.isEmoticon);
    const language = lang ?? detectLanguage(tokens, text, this.models.lexicalHint) ?? this.fallbackLanguage;
    const valence = scoreValence(tokens, this.models[language], text);
    return { ...toComprehendShape(valence), compound: valence.compound, lang: language };
  }

  /** Like `score`, plus the trace of every word and rule that moved it (slower: for people, not the pipeline). */
  public explain(rawText: string, lang?: LocalLanguage): LocalExplanation {
    const text = decodeEntities(rawText);
    const tokens = tokenize(text, this.isEmoticon);
    const language = lang ?? detectLanguage(tokens, text, this.models.lexicalHint) ?? this.fallbackLanguage;
    const trace = new ScoreTrace(tokens);
    const valence = scoreValence(tokens, this.models[language], text, trace);
    return {
      ...toComprehendShape(valence),
      compound: valence.compound,
      lang: language,
      tokens: trace.moved(),
      textRules: trace.textRules,
      labelReason: labelReason(valence),
    };
  }

  /** The post's language by the en/es detector alone; undefined when it cannot tell. */
  public detect(rawText: string): LocalLanguage | undefined {
    const text = decodeEntities(rawText);
    return detectLanguage(tokenize(text, this.isEmoticon), text, this.models.lexicalHint);
  }

  public analyze(documents: readonly SentimentDocument[]): Promise<SentimentOutcome[]> {
    return Promise.resolve(documents.map((document) => this.analyzeOne(document)));
  }

  public close(): Promise<void> {
    return Promise.resolve();
  }

  private analyzeOne(document: SentimentDocument): SentimentOutcome {
    const lang = primaryLanguage(document.lang);
    if (lang !== undefined && !isLocalLanguage(lang)) {
      return { ok: false, reason: `unsupported language "${lang}" (the local analyzer scores en and es)`, lang };
    }
    const { label, scores, lang: scored } = this.score(document.text, lang);
    return { ok: true, label, scores, lang: scored };
  }
}

function isLocalLanguage(lang: string): lang is LocalLanguage {
  return (LOCAL_LANGUAGES as readonly string[]).includes(lang);
}
