import { normaliseHeader } from './locate-header.js';
import { parsePeriod } from './parse-period.js';

/** A column that holds the period of its row, and what part of a period its header names. */
export interface PeriodColumn {
  index: number;
  label: string;
  part: 'year' | 'quarter' | 'month' | 'any';
}

export type PeriodRead = { ok: true; period: string } | { ok: false; column: string; text: string };

export const PERIOD_EXAMPLES = '2022, март 2017, 2017-03, I квартал 2017 или 01.03.2017';

/** What part of a period a header names: «Год» holds years, «Месяц» months. */
export function periodPart(label: string): PeriodColumn['part'] {
  const h = normaliseHeader(label);
  if (/^год(?![\p{L}])/u.test(h)) return 'year';
  if (/^квартал(?![\p{L}])/u.test(h)) return 'quarter';
  if (/^месяц(?![\p{L}])/u.test(h)) return 'month';
  return 'any';
}

/**
 * A period brought to the part its column names: Excel turns a typed «март 2017» into the
 * date 01.03.2017, which under «Месяц» means the month, and under «Год» the year.
 */
function toPart(period: string, part: PeriodColumn['part']): string {
  const date = /^(\d{4})-(\d{2})-\d{2}$/.exec(period);
  if (!date) return period;
  if (part === 'year') return date[1] as string;
  if (part === 'month') return `${date[1]}-${date[2]}`;
  if (part === 'quarter') return `${date[1]}-Q${Math.ceil(Number(date[2]) / 3)}`;
  return period;
}

/**
 * A month or quarter written without its year (`март`, `3`, `I`) joined with the year of a
 * «Год» column in the same row, as reports split into «Год» and «Месяц» are written.
 */
function joinWithYear(text: string, part: PeriodColumn['part'], year: string): string | null {
  if (part === 'month' && /^\d{1,2}$/.test(text)) {
    const m = Number(text);
    return m >= 1 && m <= 12 ? `${year}-${String(m).padStart(2, '0')}` : null;
  }
  if (part === 'quarter' && /^([1-4]|i{1,3}|iv)$/i.test(text))
    return parsePeriod(`${text} квартал ${year}`);
  return parsePeriod(`${text} ${year}`);
}

/**
 * Reads the period of a row from its period columns: one column with the whole period, or
 * «Год» beside «Месяц» or «Квартал». `parse` is parsePeriod, passed in so that a caller may
 * cache it. Null when every period cell is empty.
 */
export function readPeriodCells(
  columns: readonly PeriodColumn[],
  cells: readonly string[],
  parse: (text: string) => string | null,
): PeriodRead | null {
  const filled = columns.filter((c) => (cells[c.index] ?? '').trim() !== '');
  const first = filled[0];
  if (!first) return null;
  const text = (c: PeriodColumn) => (cells[c.index] ?? '').trim();
  const yearColumn = filled.find((c) => c.part === 'year');
  const finer = filled.find((c) => c.part === 'month' || c.part === 'quarter');
  if (yearColumn && finer) {
    const year = parse(text(yearColumn));
    const period = year === null ? null : joinWithYear(text(finer), finer.part, year.slice(0, 4));
    if (period !== null) return { ok: true, period };
    const whole = parse(text(finer));
    return whole === null
      ? { ok: false, column: finer.label, text: text(finer) }
      : { ok: true, period: toPart(whole, finer.part) };
  }
  const chosen = finer ?? first;
  const period = parse(text(chosen));
  return period === null
    ? { ok: false, column: chosen.label, text: text(chosen) }
    : { ok: true, period: toPart(period, chosen.part) };
}
