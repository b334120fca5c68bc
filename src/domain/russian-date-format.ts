const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats a date as Russian documents print it, DD.MM.YYYY. A calendar date ('2016-03-01')
 * is taken as is; a timestamp is shown in the reader's time zone.
 *
 * @example formatDateRu('2016-03-01') === '01.03.2016'
 */
export function formatDateRu(value: string): string {
  const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendarDate) {
    const [, year, month, day] = calendarDate;
    return `${day}.${month}.${year}`;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${pad2(date.getDate())}.${pad2(date.getMonth() + 1)}.${date.getFullYear()}`;
}

/**
 * Names a month given as 'YYYY-MM'; anything else is returned unchanged.
 *
 * @example formatMonthRu('2017-01') === 'январь 2017'
 */
export function formatMonthRu(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}

/**
 * A 'YYYY-MM' period as Russian reports name it after «за».
 *
 * @example monthPhraseRu('2017-02') === 'февраль 2017 года'
 */
export function monthPhraseRu(month: string): string {
  const named = formatMonthRu(month);
  return named === month ? month : `${named} года`;
}

/**
 * A timestamp in the local time of whoever formats it (the reader's browser, the server's
 * zone for a file), as Russian documents print it: DD.MM.YYYY ЧЧ:ММ:СС.
 *
 * @example formatDateTimeRu('2026-03-01T07:05:09Z') === '01.03.2026 12:05:09' // at UTC+5
 */
export function formatDateTimeRu(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const time = [date.getHours(), date.getMinutes(), date.getSeconds()].map(pad2).join(':');
  return `${formatDateRu(value)} ${time}`;
}
