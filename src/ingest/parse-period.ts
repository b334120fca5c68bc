const MONTHS = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
];
const ROMAN = ['i', 'ii', 'iii', 'iv'];

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? `${y}-${pad(m)}-${pad(d)}`
    : null;
}

/**
 * Reads a period as sources write it and gives the stored form: `YYYY`, `YYYY-MM`, `YYYY-Qn`
 * or a date `YYYY-MM-DD`. Accepts `01.03.2017`, `03.2017`, `март 2017`, `I квартал 2017`,
 * `1 кв. 2017`, `2017 год`, `за 2022 год`; anything else is null.
 *
 * @example parsePeriod('январь 2017') // '2017-01'
 * @example parsePeriod('01.03.2017') // '2017-03-01'
 */
export function parsePeriod(raw: string): string | null {
  // «за март 2017», «на 01.03.2017»: the preposition of a caption says nothing more.
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/^(за|на) /, '');
  let m = /^(\d{4})( год| г\.?)?$/.exec(text);
  if (m) return m[1] ?? null;
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? text : null;
  m = /^(\d{4})-q([1-4])$/.exec(text);
  if (m) return `${m[1]}-Q${m[2]}`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[2]}-${pad(Number(m[1]))}` : null;
  m = /^([а-я]+) (\d{4})( года| г\.?)?$/.exec(text);
  if (m) {
    const word = m[1] ?? '';
    const index = MONTHS.findIndex((stem) =>
      stem === 'ма' ? word === 'май' || word === 'мая' : word.startsWith(stem),
    );
    return index === -1 ? null : `${m[2]}-${pad(index + 1)}`;
  }
  m = /^([1-4]|i{1,3}|iv)[ -]?(й )?(квартал|кв\.?) ?(\d{4})( года| г\.?)?$/.exec(text);
  if (m) {
    const q = ROMAN.includes(m[1] ?? '') ? ROMAN.indexOf(m[1] ?? '') + 1 : Number(m[1]);
    return `${m[4]}-Q${q}`;
  }
  return null;
}
