import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema/index.js';
import type { Methodology } from '../../../domain/methodology.js';
import { simulateMethodologyChange } from '../../../engine/simulate-methodology.js';
import { RequestError } from '../access/access-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { resolveMethodology } from './methodology-service.js';
import { hasNoDataFor, loadPeriodData } from './rating-inputs.js';
import type { MethodologyChoice, SimulationResult } from './rating-schemas.js';

const label = (m: Methodology) => ({ code: m.code, version: String(m.version), title: m.title });

/**
 * The stored data of a period under two methodologies: every unit's place under each and the
 * shift. Nothing is stored; this answers "what if" before a methodology is adopted.
 */
export async function simulateStoredRating(
  db: Kysely<Database>,
  regionId: number,
  input: { period: string; before: MethodologyChoice; after: MethodologyChoice },
  context: AuditContext,
): Promise<SimulationResult> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'methodology',
    attempt: 'methodology.simulate',
  });
  const before = await resolveMethodology(db, regionId, input.before, 'Действующая методика');
  const after = await resolveMethodology(db, regionId, input.after, 'Новая методика');
  const data = await loadPeriodData(db, regionId, [before, after], input.period);
  // Without a single value every score is empty: a table of blanks would only mislead.
  for (const [which, m] of [
    ['действующей', before],
    ['новой', after],
  ] as const)
    if (hasNoDataFor(m, data))
      throw new RequestError(
        422,
        'no_data',
        `За период ${input.period} в базе нет данных ни по одному показателю ${which} методики ` +
          `«${m.title}»: сравнивать нечего. Выберите период, за который данные собраны.`,
      );
  return {
    period: input.period,
    before: label(before),
    after: label(after),
    units: simulateMethodologyChange(before, after, data),
  };
}
