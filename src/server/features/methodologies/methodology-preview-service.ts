import type { Kysely } from 'kysely';
import { listMethodologyVersions } from '../../../db/repositories/methodology-repository.js';
import { findLatestPeriodOf } from '../../../db/repositories/observation-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Methodology } from '../../../domain/methodology.js';
import { RequestError } from '../access/access-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { indicatorCodes } from '../rating/rating-inputs.js';
import type { SimulationResult } from '../rating/rating-schemas.js';
import { simulateStoredRating } from '../rating/simulation-service.js';
import { checkedForRegion, findVersionInForce } from './methodology-version-service.js';

/** A year, a quarter, a month or a day, as the periods of stored data. */
const PREVIEW_PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * The editor's live preview: the table an edited methodology gives on the stored data of a period (by default the latest)
 * and each unit's shift against the version in force for that period (the simulator's
 * service). Nothing is stored; a document with errors is refused naming its fields.
 */
export async function previewMethodology(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  input: { definition: object; period?: string | undefined },
  context: AuditContext,
): Promise<SimulationResult> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'methodology',
    attempt: 'methodology.preview',
  });
  const draft = input.definition as Record<string, unknown>;
  const version = Number.isInteger(draft.version) ? (draft.version as number) : 1;
  const effectiveFrom = typeof draft.effectiveFrom === 'string' ? draft.effectiveFrom : '2000';
  const edited: Methodology = await checkedForRegion(
    db,
    regionId,
    code,
    draft,
    version,
    effectiveFrom,
  );
  // The document first: its problems are named by field, the period's only after them.
  if (input.period !== undefined && !PREVIEW_PERIOD.test(input.period))
    throw new RequestError(
      400,
      'invalid_period',
      `Период предпросмотра «${input.period}» не распознан: укажите год (2022), квартал ` +
        '(2022-Q2), месяц (2017-05) или дату (2016-03-01) либо оставьте поле пустым — ' +
        'тогда берутся последние данные.',
    );
  const period =
    input.period ??
    (await findLatestPeriodOf(db, regionId, [...indicatorCodes(edited.tree, new Set<string>())]));
  if (period === null)
    throw new RequestError(
      422,
      'no_data',
      'В базе нет данных ни по одному показателю методики: предпросмотру не на чем считать.',
    );
  const inForce =
    (await findVersionInForce(db, regionId, code, period)) ??
    (await listMethodologyVersions(db, regionId, code))[0] ??
    null;
  return simulateStoredRating(
    db,
    regionId,
    {
      period,
      before: inForce ? { code, version: inForce.version } : { definition: edited },
      after: { definition: edited },
    },
    context,
  );
}
