import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findAttachment,
  findMeasurePlanApproved,
  findPlanMeasure,
  insertAttachment,
  insertPlanMeasure,
  listAttachmentInfo,
  listMeasureReports,
  listPlanMeasures,
  type MeasureAttachmentInfoRow,
  type MeasureReportRow,
  type PlanMeasureRow,
  saveMeasurePlanApproval,
  saveMeasureReport,
  updatePlanMeasure,
} from '../../../db/repositories/plan-measure-repository.js';
import { findResponsibleOfficial } from '../../../db/repositories/responsible-official-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  ATTACHMENT_CONTENT_TYPES,
  attachmentProblem,
  cleanFileName,
  detectAttachmentKind,
} from '../../../domain/attachment-type.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import {
  type AttachmentUpload,
  type MeasureAttachment,
  type MeasureInput,
  type MeasurePlan,
  type MeasureReport,
  type MeasureReportInput,
  type PlanMeasure,
  QUARTERS,
} from '../../../domain/plan-measure.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import type { Actor } from '../access/actor.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { loadMunicipalityRefs, municipalityByCode } from '../registry/municipality-refs.js';

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new RequestError(400, 'invalid_year', `Год «${year}» вне допустимого диапазона.`);
}

function requireDate(date: string, what: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new RequestError(400, 'invalid_date', `${what}: дата «${date}» не существует.`);
}

const toAttachment = (row: MeasureAttachmentInfoRow): MeasureAttachment => ({
  id: row.id,
  fileName: row.file_name,
  contentType: row.content_type,
  size: Number(row.size),
  uploadedAt: row.uploaded_at,
  uploadedBy: row.uploaded_by,
});

/** Measures with their four quarterly reports (a quarter without a report is «не начато»). */
async function measureViews(
  db: Kysely<Database>,
  measures: PlanMeasureRow[],
): Promise<PlanMeasure[]> {
  const reports = await listMeasureReports(
    db,
    measures.map((m) => m.id),
  );
  const attachments = await listAttachmentInfo(
    db,
    reports.map((r) => r.id),
  );
  const reportOf = new Map<string, MeasureReportRow>(
    reports.map((r) => [`${r.measure_id}/${r.quarter}`, r]),
  );
  return measures.map((m) => ({
    id: m.id,
    year: Number(m.year),
    title: m.title,
    responsibleOfficialId: m.responsible_official_id,
    responsibleName: m.responsible_name,
    responsiblePosition: m.responsible_position,
    deadline: m.deadline,
    reports: QUARTERS.map((quarter): MeasureReport => {
      const r = reportOf.get(`${m.id}/${quarter}`);
      return {
        quarter,
        status: r?.status ?? 'not_started',
        comment: r?.comment ?? null,
        updatedAt: r?.updated_at ?? null,
        updatedBy: r?.updated_by ?? null,
        attachments: r ? attachments.filter((a) => a.report_id === r.id).map(toAttachment) : [],
      };
    }),
  }));
}

const canApprove = (actor: Actor, municipalityId: number) =>
  isAllowed(actor, 'data.approve', { municipalityId });

/** The plan of measures of a municipality for a year with every quarterly report. */
export async function getMeasurePlan(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  year: number,
  context: AuditContext,
): Promise<MeasurePlan> {
  requireYear(year);
  const municipality = await municipalityByCode(db, regionId, code);
  authorize(context.actor, 'municipality-data.read', {
    municipalityId: municipality.id,
    entityType: 'measure_plan',
    entityId: `${code}/${year}`,
  });
  const approved = await findMeasurePlanApproved(db, municipality.id, year);
  const writer = isAllowed(context.actor, 'municipality-data.write', {
    municipalityId: municipality.id,
  });
  const approver = canApprove(context.actor, municipality.id);
  return {
    municipality,
    year,
    approved,
    editable: writer && (!approved || approver),
    reportable: writer,
    canApprove: approver,
    measures: await measureViews(db, await listPlanMeasures(db, municipality.id, year)),
  };
}

/** The responsible person: one of the municipality's officials, or a name typed as free text. */
async function responsibleOf(
  db: Kysely<Database>,
  municipality: MunicipalityRef,
  input: MeasureInput,
) {
  const chosen = input.responsibleOfficialId ?? null;
  if (chosen !== null) {
    const official = await findResponsibleOfficial(db, chosen);
    if (!official || official.municipality_id !== municipality.id)
      throw new RequestError(
        400,
        'invalid_official',
        `Ответственное лицо №${chosen} не найдено среди ответственных лиц ${municipality.name}.`,
      );
    return {
      responsible_official_id: official.id,
      responsible_name: official.full_name,
      responsible_position: official.position,
    };
  }
  const name = input.responsibleName?.trim() ?? '';
  if (name === '')
    throw new RequestError(
      400,
      'responsible_required',
      'Укажите ответственного: выберите из списка ответственных лиц или впишите ФИО.',
    );
  return {
    responsible_official_id: null,
    responsible_name: name,
    responsible_position: input.responsiblePosition?.trim() ?? '',
  };
}

function measureFields(input: MeasureInput) {
  const title = input.title.trim();
  if (title === '')
    throw new RequestError(400, 'title_required', 'Укажите наименование мероприятия.');
  requireDate(input.deadline, 'Срок исполнения');
  return { title, deadline: input.deadline };
}

/** Officials change the plan only while it is not approved; analysts always. */
export async function requirePlanEditable(
  db: Kysely<Database>,
  actor: Actor,
  municipality: MunicipalityRef,
  year: number,
): Promise<void> {
  if (canApprove(actor, municipality.id)) return;
  if (await findMeasurePlanApproved(db, municipality.id, year))
    throw new RequestError(
      409,
      'plan_approved',
      `План мероприятий ${municipality.name} на ${year} год утверждён: изменить мероприятия может только аналитик департамента.`,
    );
}

async function viewOf(db: Kysely<Database>, id: number): Promise<PlanMeasure> {
  const row = await findPlanMeasure(db, id);
  if (!row) throw new NotFoundError(`Мероприятие №${id} не найдено`);
  const [view] = await measureViews(db, [row]);
  if (!view) throw new NotFoundError(`Мероприятие №${id} не найдено`);
  return view;
}

export async function addMeasure(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  year: number,
  input: MeasureInput,
  context: AuditContext,
): Promise<PlanMeasure> {
  requireYear(year);
  const municipality = await municipalityByCode(db, regionId, code);
  authorize(context.actor, 'municipality-data.write', {
    municipalityId: municipality.id,
    entityType: 'measure_plan',
    entityId: `${code}/${year}`,
  });
  const fields = measureFields(input);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'municipalityData', municipality.id);
    await requirePlanEditable(trx, context.actor, municipality, year);
    const responsible = await responsibleOf(trx, municipality, input);
    const at = context.at.toISOString();
    const by = actorLabel(context.actor);
    const id = await insertPlanMeasure(trx, {
      municipality_id: municipality.id,
      year,
      ...fields,
      ...responsible,
      created_at: at,
      created_by: by,
      updated_at: at,
      updated_by: by,
    });
    await recordAudit(trx, {
      context,
      action: 'plan_measure.create',
      entityType: 'plan_measure',
      entityId: id,
      after: { municipality: code, year, ...fields, ...responsible },
    });
    return viewOf(trx, id);
  });
}

/**
 * The region's municipality a measure or attachment belongs to, after checking `context` may
 * do `action` there; a missing one (or another region's) is a 404 naming `what`.
 */
export async function municipalityForAction(
  db: Kysely<Database>,
  regionId: number,
  municipalityId: number | undefined,
  action: 'municipality-data.read' | 'municipality-data.write',
  entity: { entityType: string; entityId: number; what: string },
  context: AuditContext,
): Promise<MunicipalityRef> {
  const municipality =
    municipalityId === undefined
      ? undefined
      : (await loadMunicipalityRefs(db, regionId)).byId.get(municipalityId);
  if (!municipality) throw new NotFoundError(`${entity.what} не найдено`);
  authorize(context.actor, action, {
    municipalityId: municipality.id,
    entityType: entity.entityType,
    entityId: entity.entityId,
  });
  return municipality;
}

/**
 * Makes the rest of `trx` the only write to `municipality`'s plans at a time, and checks that
 * measure `id` still exists (a parallel request may have deleted it since it was read).
 */
export async function lockMeasure(
  trx: Kysely<Database>,
  municipality: MunicipalityRef,
  id: number,
): Promise<PlanMeasureRow> {
  await lockForWrite(trx, 'municipalityData', municipality.id);
  const row = await findPlanMeasure(trx, id);
  if (!row) throw new NotFoundError(`Мероприятие №${id} не найдено`);
  return row;
}

/** A measure and its municipality, after checking `actor` may do `action` there. */
export async function measureFor(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  action: 'municipality-data.read' | 'municipality-data.write',
  context: AuditContext,
) {
  const row = await findPlanMeasure(db, id);
  const municipality = await municipalityForAction(
    db,
    regionId,
    row?.municipality_id,
    action,
    { entityType: 'plan_measure', entityId: id, what: `Мероприятие №${id}` },
    context,
  );
  return { row: row as PlanMeasureRow, municipality };
}

export async function editMeasure(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  input: MeasureInput,
  context: AuditContext,
): Promise<PlanMeasure> {
  const { row, municipality } = await measureFor(
    db,
    regionId,
    id,
    'municipality-data.write',
    context,
  );
  const fields = measureFields(input);
  return db.transaction().execute(async (trx) => {
    await lockMeasure(trx, municipality, id);
    await requirePlanEditable(trx, context.actor, municipality, Number(row.year));
    const responsible = await responsibleOf(trx, municipality, input);
    await updatePlanMeasure(trx, id, {
      ...fields,
      ...responsible,
      updated_at: context.at.toISOString(),
      updated_by: actorLabel(context.actor),
    });
    await recordAudit(trx, {
      context,
      action: 'plan_measure.update',
      entityType: 'plan_measure',
      entityId: id,
      before: {
        title: row.title,
        deadline: row.deadline,
        responsible_official_id: row.responsible_official_id,
        responsible_name: row.responsible_name,
        responsible_position: row.responsible_position,
      },
      after: { ...fields, ...responsible },
    });
    return viewOf(trx, id);
  });
}

function requireQuarter(quarter: number): void {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new RequestError(400, 'invalid_quarter', `Квартал «${quarter}» — ожидается от 1 до 4.`);
}

/** Sets the status and comment of a measure for a quarter (the plan may be approved). */
export async function saveReport(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  quarter: number,
  input: MeasureReportInput,
  context: AuditContext,
): Promise<PlanMeasure> {
  requireQuarter(quarter);
  const { municipality } = await measureFor(db, regionId, id, 'municipality-data.write', context);
  const comment = input.comment?.trim() || null;
  return db.transaction().execute(async (trx) => {
    await lockMeasure(trx, municipality, id);
    const before = (await listMeasureReports(trx, [id])).find((r) => r.quarter === quarter);
    await saveMeasureReport(trx, {
      measureId: id,
      quarter,
      status: input.status,
      comment,
      at: context.at.toISOString(),
      by: actorLabel(context.actor),
    });
    await recordAudit(trx, {
      context,
      action: 'measure_report.save',
      entityType: 'plan_measure',
      entityId: `${id}/Q${quarter}`,
      before: before ? { status: before.status, comment: before.comment } : null,
      after: { status: input.status, comment },
    });
    return viewOf(trx, id);
  });
}

/** Thrown for a file that cannot be attached; the message names the file. */
export class AttachmentRejectedError extends RequestError {
  constructor(message: string) {
    super(422, 'attachment_rejected', message);
  }
}

export async function addAttachment(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  quarter: number,
  upload: AttachmentUpload,
  context: AuditContext,
): Promise<MeasureAttachment> {
  requireQuarter(quarter);
  const { municipality } = await measureFor(db, regionId, id, 'municipality-data.write', context);
  const fileName = cleanFileName(upload.fileName);
  const base64 = upload.contentBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    throw new AttachmentRejectedError(`Файл «${fileName}» передан повреждённым (не base64).`);
  const bytes = Buffer.from(base64, 'base64');
  const problem = attachmentProblem(fileName, bytes);
  if (problem !== null) throw new AttachmentRejectedError(problem);
  const kind = detectAttachmentKind(bytes);
  if (kind === null) throw new AttachmentRejectedError(`Файл «${fileName}» не принят.`);
  const at = context.at.toISOString();
  const by = actorLabel(context.actor);
  return db.transaction().execute(async (trx) => {
    await lockMeasure(trx, municipality, id);
    const existing = (await listMeasureReports(trx, [id])).find((r) => r.quarter === quarter);
    const reportId =
      existing?.id ??
      (await saveMeasureReport(trx, {
        measureId: id,
        quarter,
        status: 'not_started',
        comment: null,
        at,
        by,
      }));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const attachmentId = await insertAttachment(trx, {
      report_id: reportId,
      file_name: fileName,
      content_type: ATTACHMENT_CONTENT_TYPES[kind],
      size: bytes.length,
      sha256,
      content: bytes,
      uploaded_at: at,
      uploaded_by: by,
    });
    await recordAudit(trx, {
      context,
      action: 'measure_attachment.create',
      entityType: 'measure_attachment',
      entityId: attachmentId,
      after: { measure: id, quarter, fileName, size: bytes.length, sha256 },
    });
    return {
      id: attachmentId,
      fileName,
      contentType: ATTACHMENT_CONTENT_TYPES[kind],
      size: bytes.length,
      uploadedAt: at,
      uploadedBy: by,
    };
  });
}

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export async function downloadAttachment(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  context: AuditContext,
): Promise<AttachmentDownload> {
  const row = await findAttachment(db, id);
  await municipalityForAction(
    db,
    regionId,
    row?.municipality_id,
    'municipality-data.read',
    { entityType: 'measure_attachment', entityId: id, what: `Вложение №${id}` },
    context,
  );
  if (!row) throw new NotFoundError(`Вложение №${id} не найдено`);
  return {
    fileName: row.file_name,
    contentType: row.content_type,
    content: Buffer.from(row.content),
  };
}

/** Approves a municipality's plan for a year (officials then only report) or reopens it. */
export async function setPlanApproval(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  year: number,
  approved: boolean,
  context: AuditContext,
): Promise<MeasurePlan> {
  requireYear(year);
  const municipality = await municipalityByCode(db, regionId, code);
  authorize(context.actor, 'data.approve', {
    municipalityId: municipality.id,
    entityType: 'measure_plan',
    entityId: `${code}/${year}`,
    attempt: approved ? 'measure_plan.approve' : 'measure_plan.reopen',
  });
  await db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'municipalityData', municipality.id);
    const before = await findMeasurePlanApproved(trx, municipality.id, year);
    // Approving an approved plan (or reopening an open one) changes nothing: no second record.
    if (before === approved) return;
    await saveMeasurePlanApproval(trx, {
      municipalityId: municipality.id,
      year,
      approved,
      at: context.at.toISOString(),
      by: actorLabel(context.actor),
    });
    await recordAudit(trx, {
      context,
      action: approved ? 'measure_plan.approve' : 'measure_plan.reopen',
      entityType: 'measure_plan',
      entityId: `${code}/${year}`,
      before: { approved: before },
      after: { approved },
    });
  });
  return getMeasurePlan(db, regionId, code, year, context);
}
