/**
 * Brings a municipality name to a form in which the spellings used across sources compare
 * equal: case, `ё`/`е`, quotes, `г.`/`город`, dashes and spacing.
 *
 * @example normaliseName('Грачёвский  район') === normaliseName('грачевский район')
 * @example normaliseName('г.Орск') === normaliseName('город Орск')
 */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["'«»„“”]/g, '')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/(^|[\s(])г\.\s*/g, '$1город ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
