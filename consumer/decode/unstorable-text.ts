// Finds text no sink can store: U+0000 and unpaired UTF-16 surrogates, which JSON's \u escapes let through.

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one (code units, no `u` flag). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `text` cannot be stored, or undefined. U+0000: PostgreSQL refuses it in text and JSONB (SQLSTATE 22021/22P05).
 * An unpaired surrogate (JSON `"\udc00ZBE"`): it has no UTF-8 encoding, so a driver silently turns it into U+FFFD in a
 * text column, and PostgreSQL refuses its JSON escape in JSONB (22P02/22P05): the row would hold a different value or
 * no value at all.
 */
export function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'holds U+0000';
  const match = UNPAIRED_SURROGATE.exec(text);
  if (match === null) return undefined;
  const unit = match[0].charCodeAt(0).toString(16).toUpperCase();
  return `holds an unpaired surrogate U+${unit} at index ${match.index}`;
}

/**
 * Every stored text field of a decoded value (strings, and strings inside arrays such as hashtags) that cannot be
 * stored, as `field: reason` / `field[i]: reason`; empty when all can.
 */
export function unstorableFields(value: object): string[] {
  const problems: string[] = [];
  for (const [name, field] of Object.entries(value)) {
    if (typeof field === 'string') {
      const why = unstorableText(field);
      if (why !== undefined) problems.push(`${name} ${why}`);
    } else if (Array.isArray(field)) {
      field.forEach((item: unknown, index) => {
        const why = typeof item === 'string' ? unstorableText(item) : undefined;
        if (why !== undefined) problems.push(`${name}[${index}] ${why}`);
      });
    }
  }
  return problems;
}
