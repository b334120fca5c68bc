import type { StoredMethodology } from '../../../src/server/features/rating/rating-schemas.js';

/** A month's data stand as of the first day after it: `2017-04` → `2017-05-01`; else empty. */
export function firstDayAfter(period: string): string {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!month) return '';
  const [y, m] = [Number(month[1]), Number(month[2])];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The indicator codes at the leaves of a methodology document's tree. */
export function leafCodes(node: unknown, into: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return into;
  const n = node as { kind?: unknown; code?: unknown; children?: unknown };
  if (n.kind === 'indicator' && typeof n.code === 'string') into.push(n.code);
  if (Array.isArray(n.children)) for (const child of n.children) leafCodes(child, into);
  return into;
}

/** The stored version of `code` in force in `month`: the latest that starts by then. */
export function versionInForce(
  stored: readonly StoredMethodology[],
  code: string,
  month: string,
): StoredMethodology | undefined {
  return stored
    .filter((m) => m.code === code && m.effectiveFrom <= month)
    .reduce<StoredMethodology | undefined>(
      (best, m) => (best === undefined || m.effectiveFrom >= best.effectiveFrom ? m : best),
      undefined,
    );
}

/**
 * The period a month's rating is computed for. A stock counted on a date (ЕСИА registrations
 * to date, periodicity `on_date`) is stored on the first day after the month, as Table 1 counts
 * it; flows of the month are stored under the month itself. So a methodology reading any stock
 * is computed on the first day after the month, any other for the month.
 *
 * @example monthRatingPeriod('2017-04', ['esia_total'], new Map([['esia_total', 'on_date']])) // '2017-05-01'
 */
export function monthRatingPeriod(
  month: string,
  codes: readonly string[],
  periodicity: ReadonlyMap<string, string>,
): string {
  const after = firstDayAfter(month);
  if (after === '') return month;
  return codes.some((c) => periodicity.get(c) === 'on_date') ? after : month;
}
