import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  type DataSetRow,
  findDataSetDeadline,
  listDataSetIndicators,
  listFilledValues,
} from '../../../db/repositories/data-set-repository.js';
import { listIndicatorPassports } from '../../../db/repositories/entry-observation-repository.js';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import {
  findDeadline,
  listDeadlines,
  listSubmissionsForPeriod,
  saveDeadline,
} from '../../../db/repositories/submission-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  type BoardFilter,
  boardRowMatches,
  type CollectionBoard,
  type CollectionBoardRow,
  countBoardRows,
  isLate,
  type ReportingDeadline,
} from '../../../domain/collection-board.js';
import {
  type EntryPeriodKind,
  entryPeriodKind,
  formCollects,
  storedPeriod,
} from '../../../domain/entry-period.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize, isAllowed, requireSignedIn } from '../access/authorize.js';
import { municipalityRefOf } from '../registry/municipality-refs.js';
import { dataSetByCode } from './data-set-service.js';
import { requireDueDate, requirePeriod } from './workflow-rules.js';

/** The entered indicators a board counts: the form's, or those of one data set in the form. */
async function boardIndicators(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  dataSet: DataSetRow | null,
) {
  const kind = entryPeriodKind(period) as EntryPeriodKind;
  const inSet =
    dataSet === null
      ? null
      : new Set((await listDataSetIndicators(db, [dataSet.id])).map((i) => i.id));
  return (await listIndicatorPassports(db, regionId)).filter(
    (i) =>
      i.formula === null &&
      formCollects(kind, i.periodicity) &&
      (inSet === null || inSet.has(i.id)),
  );
}

/** The first day of a form period, to leave out municipalities dissolved before it. */
const periodStart = (period: string) =>
  `${period.slice(0, 4)}-${period.length === 7 && period[5] !== 'Q' ? period.slice(5, 7) : '01'}-01`;

/**
 * Completeness and timeliness of a period, for the whole form or for one data set: per
 * municipality its status, whether it has started, how many of the indicators have a value,
 * when it was submitted and whether it is late (not submitted after the deadline, or
 * submitted after it). A data set's own deadline overrides the form's. Counts cover every
 * row the reader may see; `filter` narrows the rows. Analysts see every municipality; an
 * official sees the own ones only.
 */
export async function collectionBoard(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  context: AuditContext,
  options: { dataSet?: string; filter?: BoardFilter } = {},
): Promise<CollectionBoard> {
  requireSignedIn(context.actor, 'municipality-data.read');
  requirePeriod(period);
  const filter = options.filter ?? 'all';
  const dataSet =
    options.dataSet === undefined ? null : await dataSetByCode(db, regionId, options.dataSet);
  const formDeadline = (await findDeadline(db, regionId, period))?.due_date ?? null;
  const ownDeadline =
    dataSet === null
      ? null
      : ((await findDataSetDeadline(db, dataSet.id, period))?.due_date ?? null);
  const due = ownDeadline ?? formDeadline;
  const today = context.at.toISOString().slice(0, 10);
  const indicators = await boardIndicators(db, regionId, period, dataSet);
  const wanted = new Set(indicators.map((i) => `${i.id}/${storedPeriod(i.periodicity, period)}`));
  const filled = new Map<number, number>();
  for (const v of await listFilledValues(
    db,
    regionId,
    indicators.map((i) => i.id),
    [...new Set(indicators.map((i) => storedPeriod(i.periodicity, period)))],
  ))
    if (wanted.has(`${v.indicator_id}/${v.period}`))
      filled.set(v.municipality_id, (filled.get(v.municipality_id) ?? 0) + 1);
  const submissions = new Map(
    (await listSubmissionsForPeriod(db, regionId, period)).map((s) => [s.municipality_id, s]),
  );
  const start = periodStart(period);
  const rows = (await listMunicipalities(db, regionId))
    .filter((m) => m.valid_to === null || m.valid_to >= start)
    .filter((m) => isAllowed(context.actor, 'municipality-data.read', { municipalityId: m.id }))
    .map((m): CollectionBoardRow => {
      const s = submissions.get(m.id);
      const status = s?.status ?? 'draft';
      const submittedAt = s?.submitted_at ?? null;
      const count = filled.get(m.id) ?? 0;
      return {
        municipality: municipalityRefOf(m),
        status,
        notStarted: status === 'draft' && count === 0,
        submittedAt,
        comment: s?.comment ?? null,
        late: isLate(status, submittedAt, due, today),
        filled: count,
        expected: indicators.length,
      };
    });
  return {
    period,
    dueDate: due,
    formDueDate: formDeadline,
    dataSet:
      dataSet === null
        ? null
        : { code: dataSet.code, name: dataSet.name, ownDeadline: ownDeadline !== null },
    indicatorCodes: indicators.map((i) => i.code),
    filter,
    counts: countBoardRows(rows),
    rows: rows.filter((r) => boardRowMatches(r, filter)),
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
  authorize(context.actor, 'data.approve', {
    entityType: 'reporting_deadline',
    entityId: period,
    attempt: 'reporting-deadline.set',
  });
  requirePeriod(period);
  requireDueDate(dueDate);
  const at = context.at.toISOString();
  const actor = actorLabel(context.actor);
  await db.transaction().execute(async (trx) => {
    // The audit's «before» is the deadline this change replaced, even when two land together.
    await lockForWrite(trx, 'regionDeadlines', regionId);
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
