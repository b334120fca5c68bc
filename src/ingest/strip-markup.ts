const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
};

/**
 * Removes HTML tags that documents and web pages leave around cell text (`<b>`, `<a href>`),
 * decodes the common entities and collapses whitespace. Used on values coming from pasted
 * tables: the database holds clean text, and what remains is always shown as text.
 *
 * @example stripMarkup('<b>г.Бузулук</b>') === 'г.Бузулук'
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}
