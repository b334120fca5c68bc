import { normaliseHeader } from './locate-header.js';

/** The words an indicator's name or a column header is compared by, and the unit it states. */
export interface IndicatorWords {
  /** Word stems, sorted and unique: the order and the grammatical form do not matter. */
  words: string[];
  /** The unit written at the end («…, %», «… (чел.)»), in canonical form; null if none. */
  unit: string | null;
}

/** Unit spellings → one form, so that «%», «в %» and «процентов» compare equal. */
const UNITS: [RegExp, string][] = [
  [/^(%|в %|процент(ов|ы)?|в процентах)$/, '%'],
  [/^(чел\.?|человек)$/, 'чел.'],
  [/^(шт\.?|штук|ед\.?|единиц)$/, 'шт.'],
  [/^(руб\.?|рублей)$/, 'руб.'],
  [/^(тыс\.? ?руб\.?)$/, 'тыс. руб.'],
  [/^(балл(ов|а)?)$/, 'балл'],
];

/** A unit as written → its canonical form (an unknown unit stays as written, normalised). */
export function canonicalUnit(unit: string): string {
  const text = normaliseHeader(unit);
  return UNITS.find(([pattern]) => pattern.test(text))?.[1] ?? text;
}

/**
 * Abbreviations officials use in headers, written out; applied to names and headers alike.
 * «ЭЦП» is the older name of the same signature, so it means what «ЭП» means.
 */
const ABBREVIATIONS: [RegExp, string][] = [
  [/(^|[^\p{L}])(эп|эцп|усэп|укэп)(?![\p{L}])/gu, '$1электронной подписью'],
  [/(^|[^\p{L}])кол-во(?![\p{L}])/gu, '$1количество'],
  [/(^|[^\p{L}])тыс\./gu, '$1тысяч '],
  [/(^|[^\p{L}])чел\./gu, '$1человек '],
  [/(^|[^\p{L}])мсзу(?![\p{L}])/gu, '$1массовые социально значимые услуги'],
  [/(^|[^\p{L}])(епгу|пгу)(?![\p{L}])/gu, '$1портал госуслуг'],
  [/государственн\p{L}* (и муниципальн\p{L}* )?услуг\p{L}*/gu, 'госуслуг'],
];

/**
 * Words that tell no indicator from another: prepositions, and «ОМСУ», which every indicator
 * is measured for (the seed's Table 1 drops it from a header that its passport name has).
 */
const STOP_WORDS = new Set([
  'в',
  'во',
  'на',
  'по',
  'за',
  'и',
  'из',
  'к',
  'с',
  'со',
  'от',
  'до',
  'для',
  'через',
  'при',
  'о',
  'об',
  'а',
  'или',
  'омсу',
]);

// Longest first, so that «-ого» goes before «-о».
const ENDINGS = [
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'иях',
  'ием',
  'ией',
  'ью',
  'ия',
  'ие',
  'ий',
  'ый',
  'ой',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ых',
  'их',
  'ым',
  'им',
  'ую',
  'юю',
  'ам',
  'ям',
  'ах',
  'ях',
  'ов',
  'ев',
  'ей',
  'ом',
  'ем',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
  'й',
];

/**
 * A crude stem: one case or number ending off, then six letters, so that «подписанных» and
 * «подписью», «населения» and «население» meet. Names are compared as sets of such stems,
 * never as free text, so a rare false meeting of two stems only makes a candidate.
 */
function stem(word: string): string {
  if (!/^[а-я]+$/.test(word)) return word;
  const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 3);
  return (ending ? word.slice(0, -ending.length) : word).slice(0, 6);
}

/** Splits a trailing unit off: «…, %», «… (чел.)», «… в %», «… %». */
function splitUnit(text: string): { rest: string; unit: string | null } {
  const m = /^(.*?)(?:,\s*|\s*\(\s*)([^,()]+?)\s*\)?\s*$/.exec(text);
  if (m) {
    const unit = canonicalUnit(m[2] ?? '');
    if (UNITS.some(([, u]) => u === unit)) return { rest: m[1] ?? '', unit };
  }
  const percent = /^(.*?)\s+(в\s+)?%$/.exec(text);
  if (percent) return { rest: percent[1] ?? '', unit: '%' };
  return { rest: text, unit: null };
}

/**
 * The words and the unit of an indicator's name or a column header, as real headers write
 * them: markup and links dropped, abbreviations written out, the unit split off.
 *
 * @example indicatorWords('Доля документов, подписанных ЭП, %').unit // '%'
 */
export function indicatorWords(text: string): IndicatorWords {
  const clean = normaliseHeader(text)
    .replace(/(https?:\/\/|www\.)\S+/g, ' ')
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const { rest, unit } = splitUnit(clean);
  let expanded = rest;
  for (const [pattern, full] of ABBREVIATIONS) expanded = expanded.replace(pattern, full);
  const words = new Set(
    expanded
      .split(/[^\p{L}\p{N}_]+/u)
      .filter((w) => w !== '' && !STOP_WORDS.has(w))
      .map(stem),
  );
  return { words: [...words].sort(), unit };
}

/**
 * One text per meaning, as an alias is stored and compared: the words, and the unit if stated.
 *
 * @example indicatorKey('Доля документов, подписанных ЭП, %') === indicatorKey('доля подписанных ЭП документов в %')
 */
export function indicatorKey(text: string): string {
  const { words, unit } = indicatorWords(text);
  return unit === null ? words.join(' ') : `${words.join(' ')} [${unit}]`;
}
