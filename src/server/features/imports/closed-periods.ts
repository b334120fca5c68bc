import type { Kysely } from 'kysely';
import type { NewValue } from '../../../db/repositories/observation-bulk-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { entryPeriodLabel, formPeriodOf } from '../../../domain/entry-period.js';
import type { InputProblem } from '../../../ingest/input-problem.js';

const CLOSED: Record<string, string> = { approved: 'утверждены', locked: 'закрыты' };

/**
 * Values an import would write into a period whose data are approved or locked: each is a
 * problem (so nothing is written). Such a period changes only after an explicit, audited
 * return or unlock in the collection workflow.
 */
export async function closedPeriodProblems(
  db: Kysely<Database>,
  file: string,
  changes: readonly NewValue[],
  unitName: (municipalityId: number) => string,
): Promise<InputProblem[]> {
  if (changes.length === 0) return [];
  // Closed forms are few (municipalities × past periods), while a large file may touch
  // thousands of periods: read them all rather than bind one parameter per period.
  const closed = await db
    .selectFrom('submission')
    .select(['municipality_id', 'period', 'status'])
    .where('status', 'in', ['approved', 'locked'])
    .execute();
  if (closed.length === 0) return [];
  const statusOf = new Map(closed.map((s) => [`${s.municipality_id}|${s.period}`, s.status]));
  const problems: InputProblem[] = [];
  for (const c of changes) {
    const form = formPeriodOf(c.period);
    const status = statusOf.get(`${c.municipalityId}|${form}`);
    if (!status) continue;
    problems.push({
      file,
      row: c.row,
      column: null,
      message: `данные «${unitName(c.municipalityId)}» за ${entryPeriodLabel(form)} ${CLOSED[status]}: изменить их можно только после возврата или открытия периода аналитиком`,
    });
  }
  return problems;
}
