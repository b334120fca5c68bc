import type { Kysely } from 'kysely';
import {
  type DataSetRow,
  deleteDataSet,
  deleteDataSetDeadline,
  findDataSetDeadline,
  findDataSetRow,
  insertDataSet,
  listDataSetDeadlines,
  listDataSetIndicators,
  listDataSetRows,
  replaceDataSetIndicators,
  saveDataSetDeadline,
  updateDataSetName,
} from '../../../db/repositories/data-set-repository.js';
import { listIndicatorPassports } from '../../../db/repositories/entry-observation-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type {
  DataSet,
  DataSetDeadline,
  DataSetInput,
  IndicatorSummary,
  NewDataSet,
} from '../../../domain/data-set.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize, requireSignedIn } from '../access/authorize.js';
import { requireDueDate, requirePeriod } from './workflow-rules.js';

/** The region's indicator passports, for choosing a set's indicators and filtering values. */
export async function listIndicatorSummaries(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<IndicatorSummary[]> {
  requireSignedIn(context.actor, 'municipality-data.read');
  return (await listIndicatorPassports(db, regionId)).map((i) => ({
    code: i.code,
    name: i.name,
    unit: i.unit,
    periodicity: i.periodicity,
    decimals: Number(i.decimals),
    derived: i.formula !== null,
    direction: i.direction,
    formula: i.formula,
  }));
}

async function viewsOf(db: Kysely<Database>, rows: DataSetRow[]): Promise<DataSet[]> {
  const ids = rows.map((r) => r.id);
  const indicators = await listDataSetIndicators(db, ids);
  const deadlines = await listDataSetDeadlines(db, ids);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    indicators: indicators
      .filter((i) => i.data_set_id === r.id)
      .map((i) => ({ code: i.code, name: i.name })),
    deadlines: deadlines
      .filter((d) => d.data_set_id === r.id)
      .map((d) => ({
        period: d.period,
        dueDate: d.due_date,
        createdBy: d.created_by,
        createdAt: d.created_at,
      })),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

/** Every data set of the region with its indicators and deadlines. */
export async function listDataSets(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<DataSet[]> {
  requireSignedIn(context.actor, 'municipality-data.read');
  return viewsOf(db, await listDataSetRows(db, regionId));
}

export async function dataSetByCode(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<DataSetRow> {
  const row = await findDataSetRow(db, regionId, code);
  if (!row) throw new NotFoundError(`Набор данных «${code}» не найден`);
  return row;
}

async function viewOf(db: Kysely<Database>, row: DataSetRow): Promise<DataSet> {
  const [view] = await viewsOf(db, [row]);
  if (!view) throw new NotFoundError(`Набор данных «${row.code}» не найден`);
  return view;
}

/** The ids of the named indicators; an unknown code is refused by name. */
async function indicatorIdsOf(
  db: Kysely<Database>,
  regionId: number,
  codes: string[],
): Promise<number[]> {
  const byCode = new Map((await listIndicatorPassports(db, regionId)).map((i) => [i.code, i.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0)
    throw new RequestError(
      400,
      'unknown_indicator',
      `Показатели не найдены в реестре: ${unknown.join(', ')}`,
    );
  return [...new Set(codes.map((c) => byCode.get(c) as number))];
}

function cleanName(name: string): string {
  const clean = name.trim();
  if (clean === '')
    throw new RequestError(400, 'name_required', 'Укажите наименование набора данных.');
  return clean;
}

/** `attempt` names the change for the audit trail, as the allowed change is recorded. */
const manage = (context: AuditContext, code: string, attempt: string) =>
  authorize(context.actor, 'data.approve', { entityType: 'data_set', entityId: code, attempt });

/** Creates a data set (analysts and administrators), audited. */
export async function createDataSet(
  db: Kysely<Database>,
  regionId: number,
  input: NewDataSet,
  context: AuditContext,
): Promise<DataSet> {
  manage(context, input.code, 'data-set.create');
  const name = cleanName(input.name);
  return db.transaction().execute(async (trx) => {
    if (await findDataSetRow(trx, regionId, input.code))
      throw new RequestError(
        409,
        'data_set_exists',
        `Набор данных с кодом «${input.code}» уже есть.`,
      );
    const ids = await indicatorIdsOf(trx, regionId, input.indicatorCodes);
    const at = context.at.toISOString();
    const actor = actorLabel(context.actor);
    const id = await insertDataSet(trx, { regionId, code: input.code, name, actor, at });
    await replaceDataSetIndicators(trx, id, ids);
    const view = await viewOf(trx, await dataSetByCode(trx, regionId, input.code));
    await recordAudit(trx, {
      context,
      action: 'data-set.create',
      entityType: 'data_set',
      entityId: input.code,
      after: { name, indicators: view.indicators.map((i) => i.code) },
    });
    return view;
  });
}

/** Renames a data set and replaces its indicators, audited with the before and after. */
export async function updateDataSet(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  input: DataSetInput,
  context: AuditContext,
): Promise<DataSet> {
  manage(context, code, 'data-set.update');
  const name = cleanName(input.name);
  return db.transaction().execute(async (trx) => {
    const row = await dataSetByCode(trx, regionId, code);
    const before = await viewOf(trx, row);
    const ids = await indicatorIdsOf(trx, regionId, input.indicatorCodes);
    await updateDataSetName(trx, row.id, {
      name,
      actor: actorLabel(context.actor),
      at: context.at.toISOString(),
    });
    await replaceDataSetIndicators(trx, row.id, ids);
    const after = await viewOf(trx, await dataSetByCode(trx, regionId, code));
    await recordAudit(trx, {
      context,
      action: 'data-set.update',
      entityType: 'data_set',
      entityId: code,
      before: { name: before.name, indicators: before.indicators.map((i) => i.code) },
      after: { name: after.name, indicators: after.indicators.map((i) => i.code) },
    });
    return after;
  });
}

/** Removes a data set with its deadlines; the values themselves stay. Audited. */
export async function removeDataSet(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  context: AuditContext,
): Promise<void> {
  manage(context, code, 'data-set.delete');
  await db.transaction().execute(async (trx) => {
    const row = await dataSetByCode(trx, regionId, code);
    const before = await viewOf(trx, row);
    await deleteDataSet(trx, row.id);
    await recordAudit(trx, {
      context,
      action: 'data-set.delete',
      entityType: 'data_set',
      entityId: code,
      before: {
        name: before.name,
        indicators: before.indicators.map((i) => i.code),
        deadlines: before.deadlines.map((d) => ({ period: d.period, dueDate: d.dueDate })),
      },
    });
  });
}

/** Sets a data set's own deadline for a form period, audited. */
export async function setDataSetDeadline(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  period: string,
  dueDate: string,
  context: AuditContext,
): Promise<DataSetDeadline> {
  manage(context, code, 'data-set-deadline.set');
  requirePeriod(period);
  requireDueDate(dueDate);
  const at = context.at.toISOString();
  const actor = actorLabel(context.actor);
  await db.transaction().execute(async (trx) => {
    const row = await dataSetByCode(trx, regionId, code);
    const before = await findDataSetDeadline(trx, row.id, period);
    await saveDataSetDeadline(trx, { dataSetId: row.id, period, dueDate, actor, at });
    await recordAudit(trx, {
      context,
      action: 'data-set-deadline.set',
      entityType: 'data_set',
      entityId: `${code}/${period}`,
      before: before ? { dueDate: before.due_date } : undefined,
      after: { dueDate },
    });
  });
  return { period, dueDate, createdBy: actor, createdAt: at };
}

/** Removes a data set's own deadline: the form's deadline applies again. Audited. */
export async function removeDataSetDeadline(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  period: string,
  context: AuditContext,
): Promise<void> {
  manage(context, code, 'data-set-deadline.delete');
  requirePeriod(period);
  await db.transaction().execute(async (trx) => {
    const row = await dataSetByCode(trx, regionId, code);
    const before = await findDataSetDeadline(trx, row.id, period);
    if (!before)
      throw new NotFoundError(`У набора «${row.name}» нет собственного срока за ${period}`);
    await deleteDataSetDeadline(trx, row.id, period);
    await recordAudit(trx, {
      context,
      action: 'data-set-deadline.delete',
      entityType: 'data_set',
      entityId: `${code}/${period}`,
      before: { dueDate: before.due_date },
    });
  });
}
