import { formatMonthRu } from './russian-date-format.js';
/** The kinds of a form's period and the indicator periodicities each form collects. */
export type EntryPeriodKind = 'monthly' | 'quarterly' | 'annual';
export type Periodicity = 'monthly' | 'quarterly' | 'annual' | 'on_date';

export const ENTRY_PERIOD_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';

/**
 * What kind of form a period string names, or null for anything else.
 *
 * @example entryPeriodKind('2017-02') // 'monthly'
 */
export function entryPeriodKind(period: string): EntryPeriodKind | null {
  if (/^\d{4}$/.test(period)) return 'annual';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarterly';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'monthly';
  return null;
}

/** Monthly forms also collect stocks counted on a date (e.g. ЕСИА registrations to date). */
export function formCollects(kind: EntryPeriodKind, periodicity: Periodicity): boolean {
  return kind === 'monthly'
    ? periodicity === 'monthly' || periodicity === 'on_date'
    : periodicity === kind;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The observation period a form's value is stored under. A stock in a monthly form is counted
 * on the first day of the next month, as the seeds' reports do («на 01.03.2017» for February).
 *
 * @example storedPeriod('on_date', '2017-02') // '2017-03-01'
 */
export function storedPeriod(periodicity: Periodicity, period: string): string {
  if (periodicity !== 'on_date') return period;
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
}

/**
 * The period before: the month, quarter or year.
 *
 * @example previousEntryPeriod('2017-01') // '2016-12'
 */
export function previousEntryPeriod(period: string): string {
  const kind = entryPeriodKind(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'annual') return String(year - 1);
  if (kind === 'quarterly') {
    const q = Number(period.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${pad(m - 1)}`;
}

/** The year whose reference data (population…) a period's derived indicators use. */
export const referenceYear = (period: string): number => Number(period.slice(0, 4));

/**
 * A period as people say it.
 *
 * @example entryPeriodLabel('2017-02') // 'февраль 2017'
 */
export function entryPeriodLabel(period: string): string {
  const kind = entryPeriodKind(period);
  if (kind === 'annual') return `${period} год`;
  if (kind === 'quarterly') return `${period.slice(6)} квартал ${period.slice(0, 4)}`;
  if (kind === 'monthly') return formatMonthRu(period);
  return period;
}

/**
 * The form period an observation belongs to: the inverse of `storedPeriod`. A stock counted
 * on the first day of a month belongs to the previous month's form; other periods are their
 * own form's.
 *
 * @example formPeriodOf('2017-03-01') // '2017-02'
 */
export function formPeriodOf(observationPeriod: string): string {
  const date = /^(\d{4})-(\d{2})-01$/.exec(observationPeriod);
  if (!date) return observationPeriod;
  const y = Number(date[1]);
  const m = Number(date[2]);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}
