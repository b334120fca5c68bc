import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  insertUnitGroup,
  listGroupMemberships,
  listUnitGroups,
} from '../../../db/repositories/unit-group-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { NewUnitGroup, UnitGroup } from '../../../domain/registry.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { cleanCode, fieldError } from './registry-input.js';

/** The region's groups of units (population bands, curators…) with their members' codes. */
export async function listGroups(db: Kysely<Database>, regionId: number): Promise<UnitGroup[]> {
  const [groups, memberships] = await Promise.all([
    listUnitGroups(db, regionId),
    listGroupMemberships(db, regionId),
  ]);
  return groups.map((g) => ({
    code: g.code,
    name: g.name,
    members: memberships.filter((m) => m.group_code === g.code).map((m) => m.municipality_code),
  }));
}

/** Adds a named group (administrators); units join it through their «groups». Audited. */
export async function createGroup(
  db: Kysely<Database>,
  regionId: number,
  input: NewUnitGroup,
  context: AuditContext,
): Promise<UnitGroup> {
  authorize(context.actor, 'registry.manage', {
    entityType: 'unit_group',
    entityId: input.code,
    attempt: 'unit-group.create',
  });
  const code = cleanCode(input.code);
  const name = input.name.trim();
  if (name === '') throw fieldError('name', 'укажите название группы.');
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionRegistry', regionId);
    if ((await listUnitGroups(trx, regionId)).some((g) => g.code === code))
      throw fieldError('code', `группа с кодом «${code}» уже есть.`, 409);
    await insertUnitGroup(trx, regionId, code, name);
    const view = { code, name, members: [] };
    await recordAudit(trx, {
      context,
      action: 'unit-group.create',
      entityType: 'unit_group',
      entityId: code,
      after: view,
    });
    return view;
  });
}
