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
