import type { Kysely } from 'kysely';
import { contentHash } from '../../../db/content-hash.js';
import { lockForWrite } from '../../../db/lock-for-write.js';
import { listIndicators } from '../../../db/repositories/indicator-repository.js';
import {
  insertMethodology,
  listMethodologyVersions,
  type MethodologyRow,
} from '../../../db/repositories/methodology-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { Methodology } from '../../../domain/methodology.js';
import { versionInForce } from '../../../domain/methodology-in-force.js';
import { unregisteredIndicators } from '../../../domain/unregistered-indicators.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { checkedMethodology } from '../rating/methodology-service.js';
import type {
  MethodologyVersionList,
  MethodologyVersionView,
  SaveVersionBody,
} from './methodology-version-schemas.js';

const toView = (row: MethodologyRow): MethodologyVersionView => ({
  code: row.code,
  version: row.version,
  title: row.title,
  effectiveFrom: row.effective_from,
  changeNote: row.change_note,
  createdBy: row.created_by,
  createdAt: row.created_at,
  contentHash: row.content_hash,
});

const byVersion = (rows: MethodologyRow[]) =>
  rows.map((r) => ({ ...r, version: r.version, effectiveFrom: r.effective_from }));

/** The stored version in force for a period, or null when none is yet. */
export async function findVersionInForce(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  period: string,
): Promise<MethodologyRow | null> {
  return versionInForce(byVersion(await listMethodologyVersions(db, regionId, code)), period);
}

/** The versions of a methodology, newest first, and the one in force this month. */
export async function listVersions(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  context: AuditContext,
): Promise<MethodologyVersionList> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'methodology',
    attempt: 'methodology.list',
  });
  const rows = await listMethodologyVersions(db, regionId, code);
  if (rows.length === 0)
    throw new RequestError(404, 'not_found', `Методика «${code}» не сохранена`);
  const now = context.at.toISOString().slice(0, 7);
  return {
    code,
    inForceNow: versionInForce(byVersion(rows), now)?.version ?? null,
    versions: rows.map(toView),
  };
}

/** One version's document, as the JSON format (for the editor and for download). */
export async function getVersionDocument(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  version: string,
  context: AuditContext,
): Promise<Record<string, unknown>> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'methodology',
    attempt: 'methodology.list',
  });
  const row = (await listMethodologyVersions(db, regionId, code)).find(
    (r) => r.version === version,
  );
  if (!row)
    throw new RequestError(404, 'not_found', `Методика «${code}» версии ${version} не сохранена`);
  return JSON.parse(row.definition) as Record<string, unknown>;
}

/**
 * A checked document with the code of the address: the engine's rules, then every indicator
 * in the region's registry. Problems come back as fields, nothing is stored.
 */
export async function checkedForRegion(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  definition: object,
  version: number,
  effectiveFrom: string,
): Promise<Methodology> {
  const m = checkedMethodology({ ...definition, code, version, effectiveFrom });
  const registered = new Set((await listIndicators(db, regionId)).map((i) => i.code));
  const problems = unregisteredIndicators(m.tree, registered);
  if (problems.length > 0)
    throw new RequestError(
      400,
      'invalid_methodology',
      `Методика не прошла проверку:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`,
      problems,
    );
  return m;
}

/**
 * Saves an edited methodology as its next version, in force from a month, with a change note;
 * audited. Saves of one region's methodologies take turns, so two at once get distinct version
 * numbers, and a save based on a version that is no longer the newest is refused.
 */
export async function saveVersion(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  body: SaveVersionBody,
  context: AuditContext,
): Promise<{ code: string; version: string; effectiveFrom: string; contentHash: string }> {
  authorize(context.actor, 'methodology.manage', { entityType: 'methodology', entityId: code });
  // Checked before the transaction so a bad document costs no lock; the version is set inside.
  await checkedForRegion(db, regionId, code, body.definition, 1, body.effectiveFrom);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'methodologyVersions', regionId);
    const rows = await listMethodologyVersions(trx, regionId, code);
    const newest = rows[0]?.version ?? null;
    if (body.baseVersion !== undefined && newest !== null && body.baseVersion !== newest)
      throw new RequestError(
        409,
        'version_conflict',
        `Пока вы редактировали версию ${body.baseVersion}, сохранена версия ${newest} методики ` +
          `«${code}»: откройте её и внесите изменения заново. Ничего не сохранено.`,
      );
    const version = (newest === null ? 0 : Number(newest)) + 1;
    const m = await checkedForRegion(
      trx,
      regionId,
      code,
      body.definition,
      version,
      body.effectiveFrom,
    );
    const definition = canonicalJson(m);
    const hash = contentHash(definition);
    await insertMethodology(trx, {
      region_id: regionId,
      code,
      version: String(version),
      title: m.title,
      effective_from: m.effectiveFrom,
      definition,
      content_hash: hash,
      created_at: context.at.toISOString(),
      change_note: body.changeNote.trim(),
      created_by: actorLabel(context.actor),
    });
    await recordAudit(trx, {
      context,
      action: 'methodology.version.save',
      entityType: 'methodology',
      entityId: `${code} v${version}`,
      before: newest === null ? null : { version: newest },
      after: {
        version: String(version),
        effectiveFrom: m.effectiveFrom,
        changeNote: body.changeNote.trim(),
        contentHash: hash,
      },
    });
    return { code, version: String(version), effectiveFrom: m.effectiveFrom, contentHash: hash };
  });
}
