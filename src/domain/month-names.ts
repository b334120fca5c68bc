const MONTHS_PREPOSITIONAL = [
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

/**
 * A `YYYY-MM` period as Russian reports name it after «за»: `2017-01` → «январь 2017 года».
 *
 * @example monthPhraseRu('2017-02') === 'февраль 2017 года'
 */
export function monthPhraseRu(period: string): string {
  const [year, month] = period.split('-');
  const name = MONTHS_PREPOSITIONAL[Number(month) - 1];
  return name ? `${name} ${year} года` : period;
}

/** `YYYY-MM-DD` → `DD.MM.YYYY`, the way Russian documents print dates. */
export function formatDateRu(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return y && m && d ? `${d}.${m}.${y}` : isoDate;
}
