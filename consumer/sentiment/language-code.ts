// Normalises a post's language tag ("en-GB" -> "en", "es-419" -> "es"); Twitter's "und"/"q…" codes mean "unknown".

/** The primary subtag, lower case; undefined when the tag is absent or says the language is unknown. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === '' || primary === 'und' || primary === 'zxx' || primary === 'mul' || /^q[a-z]{2}$/.test(primary))
    return undefined;
  // Comprehend writes Chinese as "zh" and "zh-TW": keep the region only for Traditional Chinese.
  if (primary === 'zh' && /^zh[-_](tw|hant)/i.test(tag.trim())) return 'zh-TW';
  return primary;
}
