import type { Kysely } from 'kysely';
import { listBatchesOfMonth } from '../../../db/repositories/import-batch-repository.js';
import { listPeriodSnapshots } from '../../../db/repositories/snapshot-repository.js';
import { listSnapshotReviews } from '../../../db/repositories/snapshot-review-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { type CycleRating, cycleSteps, type MonthlyCycle } from '../../../domain/monthly-cycle.js';
import type { AuditContext } from '../access/audit.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { collectionBoard } from '../collection/board-service.js';
import { unapprovedOf } from '../rating/publication-gate.js';
import { reviewOf } from '../rating/review-service.js';

/** The first day of the month after `month`: a stock counted then closes the month's form. */
function dayAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** A month's ratings: of the month itself, or on the first day after it (stocks on a date). */
async function ratingsOf(
  db: Kysely<Database>,
  regionId: number,
  month: string,
  drafts: boolean,
): Promise<CycleRating[]> {
  const seen = new Map<string, CycleRating>();
  const rows = await listPeriodSnapshots(db, regionId, [month, dayAfter(month)]);
  const reviews = await listSnapshotReviews(db, [...new Set(rows.map((r) => r.id))]);
  for (const r of rows) {
    // The first publication is the one that counts; later rows are republications.
    if (seen.has(r.code)) continue;
    if (r.published_at === null && !drafts) continue;
    seen.set(r.code, {
      code: r.code,
      title: r.title,
      period: r.period,
      createdAt: r.created_at,
      publishedAt: r.published_at,
      publishedBy: r.published_by,
      note: r.note,
      overrideReason: r.override_reason,
      review: ((v) => (v && v.content_hash === r.content_hash ? reviewOf(v) : null))(
        reviews.get(r.id),
      ),
    });
  }
  return [...seen.values()];
}

/**
 * The month's cycle on one screen: the collection board (as the board itself counts it), the
 * imports that wrote the month's values, its ratings and which next step is allowed now.
 * Viewers read it (drafts left out) but take no step.
 */
export async function monthlyCycle(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  context: AuditContext,
): Promise<MonthlyCycle> {
  authorize(context.actor, 'summaries.read', { entityType: 'cycle', entityId: period });
  const canAct = isAllowed(context.actor, 'rating.compute');
  const board = await collectionBoard(db, regionId, period, context);
  const imports = await listBatchesOfMonth(db, regionId, period, dayAfter(period));
  const ratings = await ratingsOf(db, regionId, period, canAct);
  const unapproved = await unapprovedOf(db, regionId, period);
  const drafts = ratings.filter((r) => r.publishedAt === null);
  return {
    period,
    board,
    unapproved,
    imports: imports.map((b) => ({
      id: b.id,
      fileName: b.file_name,
      sourceSystem: b.source_system,
      author: b.author,
      importedAt: b.imported_at,
      valuesRead: b.values_read,
    })),
    ratings,
    steps: cycleSteps({
      period,
      canAct,
      submitted: board.counts.submitted,
      unapproved: unapproved.map((u) => u.name),
      hasValues: imports.length > 0 || board.rows.some((r) => r.filled > 0),
      drafts: drafts.length,
      unreviewed: drafts.findLast((r) => r.review === null)?.code ?? null,
      reviewed: drafts.findLast((r) => r.review !== null)?.code ?? null,
    }),
  };
}
