import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import { insertIndicator } from '../../../db/repositories/indicator-repository.js';
import { findRegionId, insertRegion } from '../../../db/repositories/region-repository.js';
import { insertUnitGroup } from '../../../db/repositories/unit-group-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { isRegistryCode } from '../../../domain/registry.js';
import { slugOf } from '../../../domain/slug.js';
import type { FileIndicator } from '../../../ingest/read-indicator-file.js';
import type { RegistryFileUnit } from '../../../ingest/read-registry-file.js';
import { concurrentChangeOf } from '../../concurrent-change.js';
import { RequestError } from '../access/access-errors.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { insertUnit } from './registry-edit-service.js';

export interface NewRegion {
  code: string;
  name: string;
  units: RegistryFileUnit[];
  indicators: FileIndicator[];
}

const refuse = (message: string, status = 400) =>
  new RequestError(status, 'invalid_field', message);

/**
 * Creates a region with its registry of units (and the groups they name) and its indicator
 * passports in one transaction, audited as one event: all of it is stored or none.
 */
export async function createRegion(
  db: Kysely<Database>,
  input: NewRegion,
  context: AuditContext,
): Promise<{ regionId: number; groups: number }> {
  if (!isRegistryCode(input.code))
    throw refuse(
      `Код региона «${input.code}» не подходит: строчные латинские буквы, цифры и дефис (например, «testovaya-oblast»).`,
    );
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') throw refuse('Укажите наименование региона.');
  const taken = () => refuse(`Регион с кодом «${input.code}» уже есть в базе данных.`, 409);
  try {
    return await storeRegion(db, { ...input, name }, context, taken);
  } catch (error) {
    // Another run created the same code a moment earlier: its unique key refused this one.
    if (concurrentChangeOf(error) && (await findRegionId(db, input.code)) !== null) throw taken();
    throw error;
  }
}

async function storeRegion(
  db: Kysely<Database>,
  input: NewRegion,
  context: AuditContext,
  taken: () => Error,
): Promise<{ regionId: number; groups: number }> {
  const { name } = input;
  return db.transaction().execute(async (trx) => {
    if ((await findRegionId(trx, input.code)) !== null) throw taken();
    const regionId = await insertRegion(trx, input.code, name);
    await lockForWrite(trx, 'regionRegistry', regionId);
    const groupCodes = new Map<string, string>();
    for (const group of new Set(input.units.flatMap((u) => u.groups))) {
      const base = slugOf(group) || 'group';
      const used = new Set(groupCodes.values());
      let code = base;
      for (let n = 2; used.has(code); n++) code = `${base}-${n}`;
      await insertUnitGroup(trx, regionId, code, group);
      groupCodes.set(group, code);
    }
    for (const unit of input.units)
      await insertUnit(
        trx,
        regionId,
        {
          code: unit.code,
          name: unit.name,
          kind: unit.kind,
          oktmo: unit.oktmo,
          aliases: unit.aliases,
          groups: unit.groups.map((g) => groupCodes.get(g) as string),
        },
        context,
      );
    for (const { line: _line, ...indicator } of input.indicators)
      await insertIndicator(trx, { ...indicator, region_id: regionId, description: null });
    await recordAudit(trx, {
      context,
      action: 'region.create',
      entityType: 'region',
      entityId: input.code,
      after: {
        name,
        units: input.units.map((u) => u.code),
        groups: [...groupCodes.values()],
        indicators: input.indicators.map((i) => i.code),
      },
    });
    return { regionId, groups: groupCodes.size };
  });
}
