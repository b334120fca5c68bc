import type { Kysely } from 'kysely';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import {
  listRegionReferenceRevisions,
  listRegionReferenceValues,
  listRegionReferenceYears,
} from '../../../db/repositories/reference-table-repository.js';
import { findSetting } from '../../../db/repositories/setting-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  changeShare,
  DEFAULT_JUMP_SHARE,
  isJump,
  REFERENCE_DATA_KINDS,
  type ReferenceCell,
  type ReferenceDataKind,
  type ReferenceTable,
} from '../../../domain/reference-data.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';

export const JUMP_SHARE_SETTING = 'reference.jump-share';

/** The share of change over the previous year above which a value is flagged. */
export async function readJumpShare(db: Kysely<Database>): Promise<number> {
  const stored = await findSetting(db, JUMP_SHARE_SETTING);
  const share = stored === null ? Number.NaN : Number(stored);
  return Number.isFinite(share) && share > 0 ? share : DEFAULT_JUMP_SHARE;
}

/** Whether a unit existed at some time during `year`. */
export const validInYear =
  (year: number) => (m: { valid_from: string | null; valid_to: string | null }) =>
    (m.valid_from === null || m.valid_from <= `${year}-12-31`) &&
    (m.valid_to === null || m.valid_to >= `${year}-01-01`);

/**
 * The year's reference data of every unit valid in it: value, source, who changed it last
 * and when (and from which file), the previous year's value and whether the change jumps
 * past the threshold. For the department and the commission; officials see their own
 * figures through the import history.
 */
export async function readReferenceTable(
  db: Kysely<Database>,
  regionId: number,
  year: number,
  context: AuditContext,
): Promise<ReferenceTable> {
  authorize(context.actor, 'municipality-data.read', {
    entityType: 'reference_value',
    entityId: String(year),
  });
  const [units, values, revisions, jumpShare] = await Promise.all([
    listMunicipalities(db, regionId),
    listRegionReferenceValues(db, regionId, [year - 1, year]),
    listRegionReferenceRevisions(db, regionId, year),
    readJumpShare(db),
  ]);
  const storedValues = new Map(values.map((v) => [`${v.municipality_id}|${v.kind}|${v.year}`, v]));
  const lastChange = new Map(revisions.map((r) => [`${r.municipality_id}|${r.kind}`, r]));
  const cellOf = (unitId: number, kind: ReferenceDataKind): ReferenceCell => {
    const current = storedValues.get(`${unitId}|${kind}|${year}`);
    const previous = storedValues.get(`${unitId}|${kind}|${year - 1}`)?.value ?? null;
    const change = lastChange.get(`${unitId}|${kind}`);
    const value = current?.value ?? null;
    return {
      value,
      source: current?.source ?? null,
      derivedFrom: current?.derived_from ?? null,
      illustrative: current?.is_illustrative === 1,
      changedBy: change?.author ?? null,
      changedAt: change?.changed_at ?? null,
      file: change?.file_name ?? null,
      previous,
      changeShare: changeShare(previous, value),
      jump: isJump(previous, value, jumpShare),
    };
  };
  return {
    year,
    jumpShare,
    rows: units.filter(validInYear(year)).map((u) => ({
      municipality: { id: u.id, code: u.code, name: u.name, kind: u.kind },
      cells: Object.fromEntries(REFERENCE_DATA_KINDS.map((k) => [k, cellOf(u.id, k)])) as Record<
        ReferenceDataKind,
        ReferenceCell
      >,
    })),
  };
}

/**
 * The years holding reference data, newest first: the page opens the newest, whatever the
 * region and its first year.
 */
export async function listReferenceYears(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<number[]> {
  authorize(context.actor, 'municipality-data.read', { entityType: 'reference_value' });
  return listRegionReferenceYears(db, regionId);
}
