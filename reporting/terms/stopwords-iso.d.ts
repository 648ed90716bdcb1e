// Types for the stopwords-iso package: one JSON object of ISO 639-1 code -> stop words (lower case).
declare module 'stopwords-iso' {
  const lists: Readonly<Record<string, readonly string[]>>;
  export = lists;
}
