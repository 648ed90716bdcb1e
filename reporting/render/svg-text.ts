// Escaping for text placed in SVG and HTML (element content and quoted attributes), and compact number formatting.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A coordinate with at most one decimal, so SVG stays small and stable in tests. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
