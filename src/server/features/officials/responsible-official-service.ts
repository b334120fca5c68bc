import type { Kysely } from 'kysely';
import {
  deleteResponsibleOfficial,
  findResponsibleOfficial,
  insertResponsibleOfficial,
  listResponsibleOfficials,
  type ResponsibleOfficialRow,
} from '../../../db/repositories/responsible-official-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { NewResponsibleOfficial, ResponsibleOfficial } from '../../../domain/access.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import { NotFoundError } from '../../http-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { loadMunicipalityRefs, municipalityByCode } from '../registry/municipality-refs.js';

function toView(row: ResponsibleOfficialRow, municipality: MunicipalityRef): ResponsibleOfficial {
  return {
    id: row.id,
    municipality,
    fullName: row.full_name,
    position: row.position,
    area: row.area,
    phone: row.phone,
    email: row.email,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** The officials a municipality named as responsible: unpublished, so own municipality only for officials. */
export async function listOfficials(
  db: Kysely<Database>,
  regionId: number,
  municipalityCode: string,
  context: AuditContext,
): Promise<ResponsibleOfficial[]> {
  const municipality = await municipalityByCode(db, regionId, municipalityCode);
  authorize(context.actor, 'municipality-data.read', {
    municipalityId: municipality.id,
    entityType: 'municipality',
    entityId: municipality.code,
  });
  return (await listResponsibleOfficials(db, municipality.id)).map((r) => toView(r, municipality));
}

const blankToNull = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '' ? null : value;

export async function addOfficial(
  db: Kysely<Database>,
  regionId: number,
  input: NewResponsibleOfficial,
  context: AuditContext,
): Promise<ResponsibleOfficial> {
  const municipality = await municipalityByCode(db, regionId, input.municipalityCode);
  authorize(context.actor, 'municipality-data.write', {
    municipalityId: municipality.id,
    entityType: 'municipality',
    entityId: municipality.code,
  });
  return db.transaction().execute(async (trx) => {
    // Stored exactly as typed: text is data, never markup or SQL.
    const id = await insertResponsibleOfficial(trx, {
      municipality_id: municipality.id,
      full_name: input.fullName,
      position: input.position,
      area: input.area,
      phone: blankToNull(input.phone),
      email: blankToNull(input.email),
      created_at: context.at.toISOString(),
      created_by: actorLabel(context.actor),
    });
    const view = toView(
      (await findResponsibleOfficial(trx, id)) as ResponsibleOfficialRow,
      municipality,
    );
    await recordAudit(trx, {
      context,
      action: 'responsible-official.create',
      entityType: 'responsible_official',
      entityId: id,
      after: view,
    });
    return view;
  });
}

export async function removeOfficial(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  context: AuditContext,
): Promise<void> {
  const row = await findResponsibleOfficial(db, id);
  const municipality = row
    ? (await loadMunicipalityRefs(db, regionId)).byId.get(row.municipality_id)
    : undefined;
  if (!row || !municipality) {
    // Decide before saying "not found", so that ids of other municipalities cannot be probed.
    authorize(context.actor, 'municipality-data.write', {
      entityType: 'responsible_official',
      entityId: id,
    });
    throw new NotFoundError(`Ответственное лицо №${id} не найдено`);
  }
  authorize(context.actor, 'municipality-data.write', {
    municipalityId: municipality.id,
    entityType: 'responsible_official',
    entityId: id,
  });
  await db.transaction().execute(async (trx) => {
    await deleteResponsibleOfficial(trx, id);
    await recordAudit(trx, {
      context,
      action: 'responsible-official.delete',
      entityType: 'responsible_official',
      entityId: id,
      before: toView(row, municipality),
    });
  });
}
