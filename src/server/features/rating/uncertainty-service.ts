import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import { findSnapshotByCode } from '../../../db/repositories/snapshot-repository.js';
import { insertUncertaintyRun } from '../../../db/repositories/uncertainty-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Methodology } from '../../../domain/methodology.js';
import { COMPUTATION_FORMATS } from '../../../domain/rating-computation.js';
import type { RatingData } from '../../../engine/compute-rating.js';
import { ratingDataOf } from '../../../engine/rating-computation.js';
import { validateMethodology } from '../../../engine/validate-methodology.js';
import type { UncertaintyResult as PoolResult } from '../../workers/uncertainty-pool.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { readSnapshotContent } from './stored-snapshot-content.js';
import {
  UNCERTAINTY_LIMITS,
  type UncertaintyRequest,
  type UncertaintyResult,
  type UncertaintySettings,
} from './uncertainty-schemas.js';

/** Worker threads a run may use: the machine's cores, at least 2 and at most 4. */
export const MAX_UNCERTAINTY_WORKERS = Math.max(
  2,
  Math.min(UNCERTAINTY_LIMITS.workers.max, availableParallelism()),
);

/** A stored computed snapshot, ready for Monte Carlo: its own methodology and exact inputs. */
export interface UncertaintyJob {
  snapshot: { code: string; title: string };
  snapshotId: number;
  methodology: Methodology;
  data: RatingData;
  /** The snapshot's place of each unit, aligned with `data.units`. */
  places: (number | null)[];
  settings: UncertaintySettings;
}

/** The request's settings with defaults filled in and the workers capped by the server. */
export function uncertaintySettings(request: UncertaintyRequest): UncertaintySettings {
  const L = UNCERTAINTY_LIMITS;
  return {
    draws: request.draws ?? L.draws.default,
    seed: request.seed ?? L.seed.default,
    noise: request.noise ?? L.noise.default,
    alternatives: request.alternatives ?? true,
    workers: Math.min(request.workers ?? 2, MAX_UNCERTAINTY_WORKERS),
  };
}

/**
 * Everything a rank-uncertainty run of a stored snapshot needs, taken from the snapshot
 * itself (the methodology and inputs it was computed from, as `munirank verify` uses them),
 * never from today's data. Staff only: drafts are never shown to anyone else.
 */
export async function loadUncertaintyJob(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  request: UncertaintyRequest,
  context: AuditContext,
): Promise<UncertaintyJob> {
  authorize(context.actor, 'rating.compute', {
    entityType: 'rating_snapshot',
    entityId: code,
    attempt: 'rating.uncertainty',
  });
  const row = await findSnapshotByCode(db, regionId, code);
  if (!row) throw new RequestError(404, 'not_found', `Снимок рейтинга «${code}» не найден`);
  const computation = readSnapshotContent(row.content).computation;
  const checked =
    computation && COMPUTATION_FORMATS.includes(computation.format)
      ? validateMethodology(computation.methodology)
      : null;
  if (!computation || !checked?.ok)
    throw new RequestError(
      409,
      'not_computed',
      `Снимок «${code}» перенесён из документа, а не рассчитан munirank: в нём нет методики и ` +
        'исходных данных, поэтому неопределённость мест для него оценить нельзя',
    );
  return {
    snapshot: { code: row.code, title: row.title },
    snapshotId: row.id,
    methodology: checked.methodology,
    data: ratingDataOf(computation),
    places: computation.units.map((u) => u.rank),
    settings: uncertaintySettings(request),
  };
}

const placeOrNull = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? null : value;

/** The answer: every unit with its place in the snapshot and its band, in order of place. */
export function describeUncertainty(
  job: UncertaintyJob,
  bands: Pick<PoolResult, 'median' | 'p05' | 'p95'>,
  seconds: number,
): UncertaintyResult {
  const units = job.data.units.map((u, i) => ({
    code: u.code,
    name: u.name,
    place: job.places[i] ?? null,
    median: placeOrNull(bands.median[i]),
    p05: placeOrNull(bands.p05[i]),
    p95: placeOrNull(bands.p95[i]),
  }));
  const order = units
    .map((u, i) => ({ u, i }))
    .sort(
      (a, b) =>
        (a.u.place ?? Number.POSITIVE_INFINITY) - (b.u.place ?? Number.POSITIVE_INFINITY) ||
        a.i - b.i,
    );
  return {
    snapshot: job.snapshot,
    methodology: { code: job.methodology.code, version: job.methodology.version },
    settings: job.settings,
    seconds,
    units: order.map(({ u }) => u),
  };
}

/**
 * Keeps a finished run beside its snapshot (audited): the newest run of a published snapshot
 * is the band the public league table shows.
 */
export async function storeUncertainty(
  db: Kysely<Database>,
  job: UncertaintyJob,
  result: UncertaintyResult,
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const id = await insertUncertaintyRun(trx, {
      snapshot_id: job.snapshotId,
      settings_json: JSON.stringify(result.settings),
      units_json: JSON.stringify(result.units),
      computed_at: context.at.toISOString(),
      computed_by: actorLabel(context.actor),
    });
    await recordAudit(trx, {
      context,
      action: 'rating.uncertainty',
      entityType: 'rating_snapshot',
      entityId: job.snapshot.code,
      after: { run: id, ...result.settings, seconds: result.seconds },
    });
  });
}
