import type { Kysely } from 'kysely';
import type { NewValue } from '../../../db/repositories/observation-bulk-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { entryPeriodLabel, formPeriodOf } from '../../../domain/entry-period.js';
import type { InputProblem } from '../../../ingest/input-problem.js';

const CLOSED: Record<string, string> = { approved: 'утверждены', locked: 'закрыты' };

/**
 * Values an import would write (new values, then changed ones) into a period whose data are approved or locked: each is a
 * problem (so nothing is written). Such a period changes only after an explicit, audited
 * return or unlock in the collection workflow.
 */
export async function closedPeriodProblems(
  db: Kysely<Database>,
  file: string,
  changes: readonly (readonly NewValue[])[],
  unitName: (municipalityId: number) => string,
): Promise<InputProblem[]> {
  if (changes.every((list) => list.length === 0)) return [];
  // Closed forms are few (municipalities × past periods), while a large file may touch
  // thousands of periods: read them all rather than bind one parameter per period.
  const closed = await db
    .selectFrom('submission')
    .select(['municipality_id', 'period', 'status'])
    .where('status', 'in', ['approved', 'locked'])
    .execute();
  if (closed.length === 0) return [];
  // By unit, then by form period; a file's periods repeat, so each is converted once.
  const statusOf = new Map<number, Map<string, string>>();
  for (const s of closed) {
    const forms = statusOf.get(s.municipality_id) ?? new Map<string, string>();
    forms.set(s.period, s.status);
    statusOf.set(s.municipality_id, forms);
  }
  const formOf = new Map<string, string>();
  const problems: InputProblem[] = [];
  for (const list of changes)
    for (const c of list) {
      const forms = statusOf.get(c.municipalityId);
      if (!forms) continue;
      let form = formOf.get(c.period);
      if (form === undefined) {
        form = formPeriodOf(c.period);
        formOf.set(c.period, form);
      }
      const status = forms.get(form);
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
