import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findMunicipalityByCode,
  insertMunicipality,
  type MunicipalityRow,
  updateMunicipality,
} from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Municipality } from '../../../domain/municipality.js';
import type { MunicipalityChanges, NewMunicipality } from '../../../domain/registry.js';
import { NotFoundError } from '../../http-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import {
  cleanAliases,
  cleanCode,
  cleanDate,
  cleanName,
  cleanOktmo,
  fieldError,
} from './registry-input.js';
import { requireFreeOktmo, storeAliases, storeGroups } from './registry-links.js';
import { registryViewOf } from './registry-views.js';

/** Only administrators change the registry; `attempt` names the change for the audit trail. */
export const manageRegistry = (context: AuditContext, code: string, attempt: string) =>
  authorize(context.actor, 'registry.manage', {
    entityType: 'municipality',
    entityId: code,
    attempt,
  });

export async function unitByCode(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<MunicipalityRow> {
  const row = await findMunicipalityByCode(db, regionId, code);
  if (!row) throw new NotFoundError(`Муниципальное образование «${code}» не найдено`);
  return row;
}

export const viewOf = async (db: Kysely<Database>, regionId: number, code: string) =>
  (await registryViewOf(db, regionId, code)) as Municipality;

/**
 * Adds a unit inside the caller's transaction (which holds the registry lock); returns its
 * row. Shared by «add» and by a merger into a new unit.
 */
export async function insertUnit(
  trx: Kysely<Database>,
  regionId: number,
  input: NewMunicipality,
  context: AuditContext,
): Promise<MunicipalityRow> {
  const code = cleanCode(input.code);
  const name = cleanName(input.name);
  const oktmo = cleanOktmo(input.oktmo);
  const validFrom = cleanDate('validFrom', input.validFrom);
  if (await findMunicipalityByCode(trx, regionId, code))
    throw fieldError('code', `муниципальное образование с кодом «${code}» уже есть.`, 409);
  await requireFreeOktmo(trx, regionId, oktmo, null);
  const at = context.at.toISOString();
  const id = await insertMunicipality(trx, {
    region_id: regionId,
    code,
    name,
    kind: input.kind,
    oktmo,
    valid_from: validFrom,
    valid_to: null,
    successor_id: null,
    updated_at: at,
    updated_by: actorLabel(context.actor),
  });
  await storeAliases(trx, regionId, { id, name }, cleanAliases(input.aliases ?? []), at);
  await storeGroups(trx, regionId, id, input.groups ?? []);
  return unitByCode(trx, regionId, code);
}

/** Adds a unit to the registry (administrators), audited. */
export async function createMunicipality(
  db: Kysely<Database>,
  regionId: number,
  input: NewMunicipality,
  context: AuditContext,
): Promise<Municipality> {
  manageRegistry(context, input.code, 'municipality.create');
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionRegistry', regionId);
    const row = await insertUnit(trx, regionId, input, context);
    const view = await viewOf(trx, regionId, row.code);
    await recordAudit(trx, {
      context,
      action: 'municipality.create',
      entityType: 'municipality',
      entityId: row.code,
      after: view,
    });
    return view;
  });
}

/** Changes a unit's name, kind, ОКТМО, start date, aliases or groups; audited before → after. */
export async function editMunicipality(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  changes: MunicipalityChanges,
  context: AuditContext,
): Promise<Municipality> {
  manageRegistry(context, code, 'municipality.update');
  const name = changes.name === undefined ? undefined : cleanName(changes.name);
  const oktmo = changes.oktmo === undefined ? undefined : cleanOktmo(changes.oktmo);
  const validFrom =
    changes.validFrom === undefined ? undefined : cleanDate('validFrom', changes.validFrom);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionRegistry', regionId);
    const row = await unitByCode(trx, regionId, code);
    const before = await viewOf(trx, regionId, code);
    if (oktmo !== undefined) await requireFreeOktmo(trx, regionId, oktmo, row.id);
    if (validFrom && row.valid_to !== null && validFrom > row.valid_to)
      throw fieldError('validFrom', `${validFrom} позже даты закрытия ${row.valid_to}.`);
    const at = context.at.toISOString();
    await updateMunicipality(trx, row.id, {
      ...(name === undefined ? {} : { name }),
      ...(changes.kind === undefined ? {} : { kind: changes.kind }),
      ...(oktmo === undefined ? {} : { oktmo }),
      ...(validFrom === undefined ? {} : { valid_from: validFrom }),
      updated_at: at,
      updated_by: actorLabel(context.actor),
    });
    if (changes.aliases !== undefined || name !== undefined)
      await storeAliases(
        trx,
        regionId,
        { id: row.id, name: name ?? row.name },
        // The former name stays an alias, so that files written before the renaming still match.
        cleanAliases([
          ...(changes.aliases ?? before.aliases),
          ...(name !== undefined && name !== row.name ? [row.name] : []),
        ]),
        at,
      );
    if (changes.groups !== undefined) await storeGroups(trx, regionId, row.id, changes.groups);
    const after = await viewOf(trx, regionId, code);
    await recordAudit(trx, {
      context,
      action: 'municipality.update',
      entityType: 'municipality',
      entityId: code,
      before,
      after,
    });
    return after;
  });
}
