import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  deleteMunicipality,
  type MunicipalityRow,
  updateMunicipality,
} from '../../../db/repositories/municipality-repository.js';
import {
  listPredecessorRows,
  snapshotsNaming,
} from '../../../db/repositories/registry-reference-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Municipality } from '../../../domain/municipality.js';
import type { MunicipalityClosure } from '../../../domain/registry.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { manageRegistry, unitByCode, viewOf } from './registry-edit-service.js';
import { fieldError, requireDate } from './registry-input.js';

/** Refuses to close a unit twice, or before it began. */
export function requireOpen(
  row: MunicipalityRow,
  field: 'predecessors' | 'successor',
  lastDay: string,
) {
  if (row.valid_to !== null)
    throw fieldError(
      field,
      `«${row.name}» уже закрыто (действовало по ${row.valid_to}).`,
      field === 'predecessors' ? 409 : 400,
    );
  if (row.valid_from !== null && lastDay < row.valid_from)
    throw fieldError(
      field === 'predecessors' ? 'date' : 'validTo',
      `«${row.name}» действует только с ${row.valid_from}.`,
    );
}

/**
 * Closes a unit: its last day of validity and, where one is named, the open unit that took
 * over from it. Ratings from the day after leave it out; its history stays.
 */
export async function closeMunicipality(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  input: MunicipalityClosure,
  context: AuditContext,
): Promise<Municipality> {
  manageRegistry(context, code, 'municipality.close');
  const validTo = requireDate('validTo', input.validTo);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionRegistry', regionId);
    const row = await unitByCode(trx, regionId, code);
    if (row.valid_to !== null)
      throw fieldError(
        'validTo',
        `«${row.name}» уже закрыто (действовало по ${row.valid_to}).`,
        409,
      );
    if (row.valid_from !== null && validTo < row.valid_from)
      throw fieldError('validTo', `${validTo} раньше начала действия ${row.valid_from}.`);
    let successorId: number | null = null;
    if (input.successor) {
      if (input.successor === code)
        throw fieldError('successor', 'ОМСУ не может быть правопреемником самого себя.');
      const successor = await unitByCode(trx, regionId, input.successor).catch(() => {
        throw fieldError('successor', `ОМСУ «${input.successor}» нет в реестре.`);
      });
      requireOpen(successor, 'successor', validTo);
      successorId = successor.id;
    }
    const before = await viewOf(trx, regionId, code);
    await updateMunicipality(trx, row.id, {
      valid_to: validTo,
      successor_id: successorId,
      updated_at: context.at.toISOString(),
      updated_by: actorLabel(context.actor),
    });
    const after = await viewOf(trx, regionId, code);
    await recordAudit(trx, {
      context,
      action: 'municipality.close',
      entityType: 'municipality',
      entityId: code,
      before,
      after,
    });
    return after;
  });
}

/**
 * Removes a unit entered by mistake. A unit that any rating snapshot names, that has data
 * (values, reference data, plans, accounts) or predecessors stays: close it instead.
 */
export async function removeMunicipality(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  context: AuditContext,
): Promise<void> {
  manageRegistry(context, code, 'municipality.delete');
  const kept = (why: string) =>
    new RequestError(
      409,
      'municipality_in_use',
      `«${code}» нельзя удалить: ${why} Закройте его вместо удаления.`,
    );
  try {
    await db.transaction().execute(async (trx) => {
      await lockForWrite(trx, 'regionRegistry', regionId);
      const row = await unitByCode(trx, regionId, code);
      const snapshots = await snapshotsNaming(trx, regionId, code);
      if (snapshots.length > 0) throw kept(`на него ссылаются рейтинги (${snapshots.join(', ')}).`);
      if ((await listPredecessorRows(trx, row.id)).length > 0)
        throw kept('оно правопреемник других ОМСУ.');
      const before = await viewOf(trx, regionId, code);
      await deleteMunicipality(trx, row.id);
      await recordAudit(trx, {
        context,
        action: 'municipality.delete',
        entityType: 'municipality',
        entityId: code,
        before,
      });
    });
  } catch (error) {
    const dbCode = (error as { code?: unknown }).code;
    if (dbCode === '23503' || dbCode === 'SQLITE_CONSTRAINT_FOREIGNKEY')
      throw kept('по нему есть данные (значения, справочные данные, планы или учётные записи).');
    throw error;
  }
}
