import type { Kysely } from 'kysely';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import {
  findDeadline,
  listDeadlines,
  listSubmissionsForPeriod,
  saveDeadline,
} from '../../../db/repositories/submission-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { CollectionBoard, ReportingDeadline } from '../../../domain/collection-board.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize, isAllowed, requireSignedIn } from '../access/authorize.js';
import { requirePeriod } from './workflow-rules.js';

const DONE = new Set(['submitted', 'approved', 'locked']);

/**
 * Completeness and timeliness of a period: per municipality its status, when it was
 * submitted and whether it is late (not submitted after the deadline, or submitted after it).
 * Analysts see every municipality; an official sees the own ones only.
 */
export async function collectionBoard(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  context: AuditContext,
): Promise<CollectionBoard> {
  requireSignedIn(context.actor, 'municipality-data.read');
  requirePeriod(period);
  const deadline = await findDeadline(db, regionId, period);
  const today = context.at.toISOString().slice(0, 10);
  const submissions = new Map(
    (await listSubmissionsForPeriod(db, regionId, period)).map((s) => [s.municipality_id, s]),
  );
  const periodStart = `${period.slice(0, 4)}-${period.length === 7 && period[5] !== 'Q' ? period.slice(5, 7) : '01'}-01`;
  const rows = (await listMunicipalities(db, regionId))
    .filter((m) => m.valid_to === null || m.valid_to >= periodStart)
    .filter((m) => isAllowed(context.actor, 'municipality-data.read', { municipalityId: m.id }))
    .map((m) => {
      const s = submissions.get(m.id);
      const status = s?.status ?? 'draft';
      const submittedAt = s?.submitted_at ?? null;
      const due = deadline?.due_date ?? null;
      const late =
        due !== null &&
        (DONE.has(status) ? submittedAt !== null && submittedAt.slice(0, 10) > due : today > due);
      return {
        municipality: { id: m.id, code: m.code, name: m.name, kind: m.kind },
        status,
        submittedAt,
        comment: s?.comment ?? null,
        late,
      };
    });
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  return {
    period,
    dueDate: deadline?.due_date ?? null,
    counts: {
      total: rows.length,
      draft: count((r) => r.status === 'draft'),
      submitted: count((r) => r.status === 'submitted'),
      returned: count((r) => r.status === 'returned'),
      approved: count((r) => r.status === 'approved'),
      locked: count((r) => r.status === 'locked'),
      late: count((r) => r.late),
    },
    rows,
  };
}

export async function listReportingDeadlines(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<ReportingDeadline[]> {
  requireSignedIn(context.actor, 'municipality-data.read');
  return (await listDeadlines(db, regionId)).map((d) => ({
    period: d.period,
    dueDate: d.due_date,
    createdBy: d.created_by,
    createdAt: d.created_at,
  }));
}

/** Sets the deadline of a period's forms (analysts and administrators), audited. */
export async function setReportingDeadline(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  dueDate: string,
  context: AuditContext,
): Promise<ReportingDeadline> {
  authorize(context.actor, 'data.approve', { entityType: 'reporting_deadline', entityId: period });
  requirePeriod(period);
  if (Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`)))
    throw new RequestError(
      400,
      'invalid_date',
      `Дата «${dueDate}» не распознана: ожидается ГГГГ-ММ-ДД.`,
    );
  const at = context.at.toISOString();
  const actor = actorLabel(context.actor);
  await db.transaction().execute(async (trx) => {
    const before = await findDeadline(trx, regionId, period);
    await saveDeadline(trx, { regionId, period, dueDate, actor, at });
    await recordAudit(trx, {
      context,
      action: 'reporting-deadline.set',
      entityType: 'reporting_deadline',
      entityId: period,
      before: before ? { dueDate: before.due_date } : undefined,
      after: { dueDate },
    });
  });
  return { period, dueDate, createdBy: actor, createdAt: at };
}
