/**
 * Kind words as sources write them, each brought to one spelling. "Муниципальный район" and
 * "район" are the same kind; "городской округ", "муниципальный округ" and "район" are not,
 * so "Гайский городской округ" never silently becomes "Гайский район".
 */
const KIND_SPELLINGS: [RegExp, string][] = [
  [/(^|\s)(р-н|р-он)(?=$|\s)/g, '$1район'],
  [/(^|\s)(муниципальный район|мун\. район|м\. ?р\.|мр)(?=$|\s)/g, '$1район'],
  [/(^|\s)го(?=$|\s)/g, '$1городской округ'],
  [/(^|\s)(м\. ?о\.)(?=$|\s)/g, '$1муниципальный округ'],
  [/(^|\s)закрытое административно-территориальное образование(?=$|\s)/g, '$1зато'],
  [/(^|\s)(пос\.|п\.|пгт\.?|п\. ?г\. ?т\.) ?(?=\S)/g, '$1поселок '],
  // «МО» and «муниципальное образование» name no kind: «МО г.Бузулук» is the city, «МО
  // Кваркенский район» the district. Dropped, so that the words after them decide.
  [/(^|\s)(муниципальное образование|мо)(?=$|\s)/g, '$1'],
];
const KIND_WORDS = /(^|\s)(городской округ|муниципальный округ|район|город|зато)(?=$|\s)/g;

/**
 * Brings a municipality name to a form in which the spellings used across sources compare
 * equal: case, `ё`/`е`, quotes, `г.`/`город`, dashes, spacing, and the kind words with their
 * abbreviations (`муниципальный район` = `МР` = `р-н` = `район`, `г.о.` = `ГО` = `городской
 * округ`, `пос.` = `поселок`, `ЗАТО` = `закрытое административно-территориальное
 * образование`; `МО` and `муниципальное образование` are dropped).
 *
 * @example normaliseName('Грачёвский  район') === normaliseName('грачевский муниципальный район')
 * @example normaliseName('г.Орск') === normaliseName('город Орск')
 */
export function normaliseName(name: string): string {
  let text = name
    .toLowerCase()
    .replace(/(^|\s)г\. ?о\.(?=$|\s)/g, '$1городской округ')
    .replace(/ё/g, 'е')
    .replace(/["'«»„“”]/g, '')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/(^|[\s(])г\.\s*/g, '$1город ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, canonical] of KIND_SPELLINGS) text = text.replace(pattern, canonical);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The name without its kind words, to find candidates across kinds: "Гайский городской
 * округ" and "Гайский район" share the core "гайский". Never used to match, only to suggest.
 *
 * @example coreName('Гайский городской округ') // 'гайский'
 */
export function coreName(name: string): string {
  return normaliseName(name).replace(KIND_WORDS, '$1').replace(/\s+/g, ' ').trim();
}
