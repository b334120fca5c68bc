import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  type BoundariesRow,
  findCurrentBoundaries,
  insertBoundaries,
} from '../../../db/repositories/boundary-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type {
  BoundaryPreview,
  BoundaryRecord,
  BoundaryUpload,
} from '../../../domain/boundaries.js';
import { RequestError } from '../access/access-errors.js';
import { actorUserId } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { listRegionMunicipalities } from '../registry/registry-service.js';
import {
  type BoundaryChoices,
  type PreparedBoundaries,
  prepareBoundaries,
} from './region-boundaries.js';

const ENTITY = { entityType: 'region_boundaries' } as const;

interface Prepared {
  upload: BoundaryUpload;
  sha256: string;
  prepared: PreparedBoundaries;
  names: Map<string, string>;
  unitsWithout: { code: string; name: string }[];
}

async function prepare(db: Kysely<Database>, regionId: number, upload: BoundaryUpload) {
  const units = await listRegionMunicipalities(db, regionId);
  const choices: BoundaryChoices = {};
  for (const c of upload.choices ?? []) choices[c.feature] = c.municipality;
  const prepared = prepareBoundaries(upload.text, upload.fileName, units, choices);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const shown = new Set(prepared.matched.map((m) => m.code));
  const today = new Date().toISOString().slice(0, 10);
  return {
    upload,
    sha256: createHash('sha256').update(upload.text).digest('hex'),
    prepared,
    names,
    unitsWithout: units
      .filter((u) => !shown.has(u.code) && (u.validTo === null || u.validTo >= today))
      .map((u) => ({ code: u.code, name: u.name })),
  } satisfies Prepared;
}

const matchedView = (p: Prepared) =>
  p.prepared.matched.map((m) => ({ ...m, name: p.names.get(m.code) ?? m.code }));

/** What saving the file would show on the map, and what it would not; nothing is stored. */
export async function previewBoundaries(
  db: Kysely<Database>,
  regionId: number,
  upload: BoundaryUpload,
  context: AuditContext,
): Promise<BoundaryPreview> {
  authorize(context.actor, 'boundaries.manage', ENTITY);
  const p = await prepare(db, regionId, upload);
  return {
    fileName: upload.fileName,
    sha256: p.sha256,
    features: p.prepared.matched.length + p.prepared.unmatched.length + p.prepared.leftOut.length,
    matched: matchedView(p),
    unmatched: p.prepared.unmatched,
    leftOut: p.prepared.leftOut,
    unitsWithout: p.unitsWithout,
    simplifiedBytes: Buffer.byteLength(JSON.stringify(p.prepared.geojson)),
  };
}

function toRecord(row: BoundariesRow): BoundaryRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by_username,
    matched: JSON.parse(row.matched_json) as BoundaryRecord['matched'],
    leftOut: JSON.parse(row.left_out_json) as string[],
    attribution: row.attribution,
  };
}

/** The boundaries the region's map shows now, or null before the first upload. */
export async function currentBoundaries(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<BoundaryRecord | null> {
  authorize(context.actor, 'boundaries.manage', ENTITY);
  const row = await findCurrentBoundaries(db, regionId);
  return row ? toRecord(row) : null;
}

/**
 * Stores the file as the region's map: every feature matched or left out on purpose (a
 * feature without a unit is refused, never dropped silently). Saving what the map already
 * shows (a second click) records nothing. The caller's public caches must drop afterwards.
 */
export async function saveBoundaries(
  db: Kysely<Database>,
  regionId: number,
  upload: BoundaryUpload,
  context: AuditContext,
): Promise<{ record: BoundaryRecord; changed: boolean }> {
  authorize(context.actor, 'boundaries.manage', ENTITY);
  const p = await prepare(db, regionId, upload);
  if (upload.expectedSha256 && upload.expectedSha256 !== p.sha256)
    throw new RequestError(
      400,
      'invalid_boundaries',
      `Файл «${upload.fileName}» отличается от того, что был в предпросмотре: ничего не сохранено.`,
    );
  const { unmatched, leftOut } = p.prepared;
  if (unmatched.length > 0)
    throw new RequestError(
      400,
      'unmatched_features',
      `В файле «${upload.fileName}» объекты без ОМСУ: ${unmatched.map((u) => `«${u.feature}»`).join(', ')}. Выберите для каждого ОМСУ или отметьте «не показывать на карте»: ничего не сохранено.`,
    );
  const matched = JSON.stringify(matchedView(p));
  const attribution = upload.attribution?.trim() || null;
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionBoundaries', regionId);
    const current = await findCurrentBoundaries(trx, regionId);
    if (
      current &&
      current.sha256 === p.sha256 &&
      current.matched_json === matched &&
      current.left_out_json === JSON.stringify(leftOut) &&
      current.attribution === attribution
    )
      return { record: toRecord(current), changed: false };
    const id = await insertBoundaries(trx, {
      region_id: regionId,
      file_name: upload.fileName,
      sha256: p.sha256,
      geojson: JSON.stringify(p.prepared.geojson),
      matched_json: matched,
      left_out_json: JSON.stringify(leftOut),
      attribution,
      uploaded_at: context.at.toISOString(),
      uploaded_by: actorUserId(context.actor),
    });
    await recordAudit(trx, {
      context,
      action: 'boundaries.upload',
      ...ENTITY,
      entityId: id,
      before: current ? { id: current.id, fileName: current.file_name } : null,
      after: {
        fileName: upload.fileName,
        sha256: p.sha256,
        shown: p.prepared.matched.length,
        leftOut,
        attribution,
      },
    });
    const stored = await findCurrentBoundaries(trx, regionId);
    if (!stored) throw new Error('the boundaries just stored are not found');
    return { record: toRecord(stored), changed: true };
  });
}
