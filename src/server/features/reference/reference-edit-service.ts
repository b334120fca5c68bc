import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import { findMunicipalityByCode } from '../../../db/repositories/municipality-repository.js';
import {
  insertReferenceRevisions,
  insertReferenceValues,
  updateReferenceValue,
} from '../../../db/repositories/reference-import-repository.js';
import {
  findReferenceValue,
  saveSetting,
} from '../../../db/repositories/reference-table-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  changeShare,
  REFERENCE_DATA_KIND_LABELS,
  type ReferenceDataKind,
  type ReferenceSetResult,
  type ReferenceSettings,
  type ReferenceValueInput,
} from '../../../domain/reference-data.js';
import { formatExactRu } from '../../../domain/russian-number-format.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { JUMP_SHARE_SETTING, readReferenceTable, validInYear } from './reference-table-service.js';

const fieldError = (field: string, message: string) =>
  new RequestError(400, 'invalid_field', `Поле «${field}»: ${message}`);

const percent = (share: number) => `${formatExactRu(Math.round(share * 1000) / 10)} %`;

/**
 * Sets one reference value by hand, with its source: stored in place, its revision (old →
 * new, author, time) appended and the change audited. A value equal to the stored one with
 * the same source changes nothing and records nothing.
 */
export async function setReferenceValue(
  db: Kysely<Database>,
  regionId: number,
  target: { code: string; year: number; kind: ReferenceDataKind },
  input: ReferenceValueInput,
  context: AuditContext,
): Promise<ReferenceSetResult> {
  const { code, year, kind } = target;
  const unit = await findMunicipalityByCode(db, regionId, code);
  authorize(context.actor, 'reference.write', {
    ...(unit ? { municipalityId: unit.id } : {}),
    entityType: 'reference_value',
    entityId: `${code}/${year}/${kind}`,
    attempt: 'reference-value.set',
  });
  if (!unit) throw new NotFoundError(`Муниципальное образование «${code}» не найдено`);
  if (!validInYear(year)(unit))
    throw fieldError('год', `«${unit.name}» в ${year} году не действовало.`);
  if (!Number.isFinite(input.value) || input.value <= 0)
    throw fieldError(
      'значение',
      `${REFERENCE_DATA_KIND_LABELS[kind].toLowerCase()} — положительное число, а дано ${input.value}.`,
    );
  const source = input.source.trim();
  if (source === '')
    throw fieldError('источник', 'укажите, откуда значение (документ, выгрузка, письмо).');
  await db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'municipalityData', unit.id);
    const stored = await findReferenceValue(trx, unit.id, year, kind);
    if (stored && stored.value === input.value && stored.source === source) return;
    if (stored) await updateReferenceValue(trx, stored.id, input.value, source);
    else
      await insertReferenceValues(trx, [
        { municipality_id: unit.id, year, kind, value: input.value, is_illustrative: 0, source },
      ]);
    const at = context.at.toISOString();
    await insertReferenceRevisions(trx, [
      {
        municipality_id: unit.id,
        year,
        kind,
        indicator_id: null,
        old_value: stored?.value ?? null,
        new_value: input.value,
        source,
        author: actorLabel(context.actor),
        changed_at: at,
        import_batch_id: null,
        source_row: null,
      },
    ]);
    await recordAudit(trx, {
      context,
      action: 'reference-value.set',
      entityType: 'reference_value',
      entityId: `${code}/${year}/${kind}`,
      before: stored ? { value: stored.value, source: stored.source } : null,
      after: { value: input.value, source },
    });
  });
  const table = await readReferenceTable(db, regionId, year, context);
  const cell = table.rows.find((r) => r.municipality.code === code)?.cells[kind];
  if (!cell) throw new NotFoundError(`Муниципальное образование «${code}» не найдено`);
  const share = changeShare(cell.previous, cell.value);
  return {
    municipality: { code: unit.code, name: unit.name },
    year,
    kind,
    cell,
    warning:
      cell.jump && share !== null && cell.previous !== null
        ? `${REFERENCE_DATA_KIND_LABELS[kind]} ${unit.name} за ${year} год отличается от ${year - 1} года (${formatExactRu(cell.previous)}) на ${percent(share)} — больше порога ${percent(table.jumpShare)}. Проверьте значение.`
        : null,
  };
}

/** Sets the share of change over the previous year above which values are flagged. Audited. */
export async function setJumpShare(
  db: Kysely<Database>,
  input: ReferenceSettings,
  context: AuditContext,
): Promise<ReferenceSettings> {
  authorize(context.actor, 'reference.write', {
    entityType: 'app_setting',
    entityId: JUMP_SHARE_SETTING,
    attempt: 'reference-settings.set',
  });
  if (!Number.isFinite(input.jumpShare) || input.jumpShare <= 0 || input.jumpShare > 10)
    throw fieldError('порог скачка', 'доля от 0 до 10 (0,25 — 25 %).');
  await db.transaction().execute(async (trx) => {
    await saveSetting(trx, JUMP_SHARE_SETTING, String(input.jumpShare), context.at.toISOString());
    await recordAudit(trx, {
      context,
      action: 'reference-settings.set',
      entityType: 'app_setting',
      entityId: JUMP_SHARE_SETTING,
      after: input,
    });
  });
  return { jumpShare: input.jumpShare };
}
