// Types for the parts of the stopword package used here: per-language stop-word lists (ISO 639-3 names).
declare module 'stopword' {
  export const eng: readonly string[];
  export const spa: readonly string[];
}
