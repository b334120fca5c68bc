/**
 * A name as a visitor's search compares it: lower case, ё = е, quotes and extra spaces
 * gone, `г.Орск` = `город Орск`. Shared by the server (the `data-search` of each row) and
 * the portal's script (what the visitor typed), so both sides agree.
 *
 * @example searchText('Грачёвский район').includes(searchText('грачевский')) === true
 */
export function searchText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["'«»„“”]/g, '')
    .replace(/(^|[\s(])г\.\s*/g, '$1город ')
    .replace(/\s+/g, ' ')
    .trim();
}
