// The sentiment port: Comprehend's result shape, whichever analyzer produces it.

export type SentimentLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

/** Comprehend's SentimentScore: four probabilities that sum to about 1. */
export interface SentimentScores {
  readonly Positive: number;
  readonly Negative: number;
  readonly Neutral: number;
  readonly Mixed: number;
}

export interface SentimentDocument {
  readonly text: string;
  /** ISO 639-1 code if known; analyzers detect the language when absent. */
  readonly lang?: string;
}

export type SentimentOutcome =
  | {
      readonly ok: true;
      readonly label: SentimentLabel;
      readonly scores: SentimentScores;
      readonly lang: string;
      /**
       * The document's key phrases (Comprehend's BatchDetectKeyPhrases `KeyPhrases[].Text`, in order), stored with the
       * post for the "what people talk about" terms. Absent when the analyzer gives none (local, neutral) or the
       * key-phrase call failed for this document: the post is kept, its terms then come from its text.
       */
      readonly keyPhrases?: readonly string[];
    }
  /** Not scored, for a recorded reason that retrying will not change (unsupported language, document rejected). */
  | { readonly ok: false; readonly reason: string; readonly lang?: string };

export interface SentimentAnalyzer {
  readonly name: string;
  /** One outcome per document, in order. Rejects only on failures worth retrying (throttling, network). */
  analyze(documents: readonly SentimentDocument[]): Promise<SentimentOutcome[]>;
  close(): Promise<void>;
}
