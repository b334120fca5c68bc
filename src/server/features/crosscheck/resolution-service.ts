import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findObservationForResolution,
  insertResolution,
  listResolutions,
} from '../../../db/repositories/crosscheck-repository.js';
import { writeEnteredValue } from '../../../db/repositories/entry-observation-repository.js';
import { listObservationRevisions } from '../../../db/repositories/observation-revision-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { RESOLUTION_SOURCE, type ResolutionInput } from '../../../domain/cross-check.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { latestBySource, sourceKeyOf } from './source-values.js';

export interface ResolutionResult {
  observationId: number;
  chosen: 'report' | 'extract';
  chosenValue: number | null;
  writtenRevision: number | null;
}

/**
 * The analyst's choice of which source counts for one discrepancy. The chosen value becomes
 * the observation's value through a new revision (source «сверка источников», the reason as
 * its note), unless it already stands; the choice is recorded and audited. Choices of one
 * municipality's values take turns with its forms, so a second choice of the same discrepancy
 * (or one made after its values changed) is refused with 409 and writes nothing.
 */
export async function resolveDiscrepancy(
  db: Kysely<Database>,
  regionId: number,
  input: ResolutionInput,
  context: AuditContext,
): Promise<ResolutionResult> {
  authorize(context.actor, 'data.approve', {
    entityType: 'observation',
    entityId: input.observationId,
  });
  const reason = input.reason.trim();
  if (reason === '')
    throw new RequestError(
      400,
      'invalid_request',
      'Поле «reason»: укажите, почему засчитывается выбранное значение.',
    );
  const found = await findObservationForResolution(db, input.observationId);
  if (!found || found.region_id !== regionId)
    throw new RequestError(404, 'not_found', `Значение №${input.observationId} не найдено.`);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'municipalityData', found.municipality_id);
    const observation = await findObservationForResolution(trx, input.observationId);
    if (!observation) throw new RequestError(404, 'not_found', 'Значение не найдено.');
    const revisions = (await listObservationRevisions(trx, observation.id)).map((r) => ({
      ...r,
      value: r.new_value,
      at: r.changed_at,
    }));
    const done = (await listResolutions(trx, [observation.id])).find(
      (r) =>
        r.report_revision === input.reportRevision && r.extract_revision === input.extractRevision,
    );
    if (done)
      throw new RequestError(
        409,
        'crosscheck_resolved',
        `Это расхождение уже разрешено: ${done.resolved_by} выбрал(а) значение ${done.chosen === 'report' ? 'отчёта ОМСУ' : `выгрузки ${done.extract_source}`} (${done.resolved_at}). Обновите страницу.`,
      );
    const latest = latestBySource(revisions);
    const report = latest.get('report');
    const extract = revisions.find((r) => r.revision === input.extractRevision);
    const extractKey = extract ? sourceKeyOf(extract) : null;
    if (
      report?.revision !== input.reportRevision ||
      !extract ||
      extractKey === null ||
      extractKey === 'report' ||
      latest.get(extractKey)?.revision !== extract.revision
    )
      throw new RequestError(
        409,
        'crosscheck_stale',
        'Значения источников изменились после того, как вы открыли сверку: обновите страницу и выберите снова.',
      );
    const chosenValue = input.choice === 'report' ? report.value : extract.value;
    const author = actorLabel(context.actor);
    const at = context.at.toISOString();
    let writtenRevision: number | null = null;
    if (chosenValue !== observation.value) {
      writtenRevision = observation.revision + 1;
      await writeEnteredValue(trx, {
        municipalityId: observation.municipality_id,
        indicatorId: observation.indicator_id,
        period: observation.period,
        value: chosenValue,
        existing: { id: observation.id, value: observation.value, revision: observation.revision },
        source: `${RESOLUTION_SOURCE}: засчитано значение ${input.choice === 'report' ? 'отчёта ОМСУ' : `выгрузки ${extractKey}`}`,
        author,
        at,
        note: reason,
      });
    }
    const before = { value: observation.value, revision: observation.revision };
    await insertResolution(trx, {
      observation_id: observation.id,
      report_revision: report.revision,
      extract_revision: extract.revision,
      extract_source: extractKey,
      report_value: report.value,
      extract_value: extract.value,
      chosen: input.choice,
      chosen_value: chosenValue,
      reason,
      resolved_by: author,
      resolved_at: at,
      written_revision: writtenRevision,
    });
    await recordAudit(trx, {
      context,
      action: 'crosscheck.resolve',
      entityType: 'observation',
      entityId: observation.id,
      before,
      after: {
        choice: input.choice,
        source: input.choice === 'report' ? 'report' : extractKey,
        value: chosenValue,
        reportValue: report.value,
        extractValue: extract.value,
        revision: writtenRevision ?? observation.revision,
      },
      detail: reason,
    });
    return { observationId: observation.id, chosen: input.choice, chosenValue, writtenRevision };
  });
}
