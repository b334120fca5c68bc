/** What choosing a version needs of each stored one. */
export interface VersionInForce {
  version: string;
  /** A year "2022" or a month "2017-05": the first period the version applies to. */
  effectiveFrom: string;
}

/**
 * The first month of a period: "2017" → "2017-01", "2017-Q2" → "2017-04",
 * "2017-04-01" → "2017-04".
 */
export function firstMonthOf(period: string): string {
  const year = period.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return `${year}-${String((Number(quarter[1]) - 1) * 3 + 1).padStart(2, '0')}`;
  return period.length >= 7 ? period.slice(0, 7) : `${year}-01`;
}

/**
 * The version in force for a period: of those in force from its first month or earlier, the
 * one in force from the latest month; of two from the same month, the higher version.
 *
 * @example versionInForce([{ version: '1', effectiveFrom: '2016' }, { version: '2', effectiveFrom: '2017-05' }], '2017-04') // → version '1'
 */
export function versionInForce<V extends VersionInForce>(versions: V[], period: string): V | null {
  const month = firstMonthOf(period);
  let best: V | null = null;
  for (const v of versions) {
    const from = firstMonthOf(v.effectiveFrom);
    if (from > month) continue;
    const bestFrom = best ? firstMonthOf(best.effectiveFrom) : '';
    if (!best || from > bestFrom || (from === bestFrom && Number(v.version) > Number(best.version)))
      best = v;
  }
  return best;
}
