import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  countAttachmentsByReport,
  deleteAttachmentRow,
  deleteMeasureRows,
} from '../../../db/repositories/plan-measure-deletion-repository.js';
import {
  findAttachmentRecord,
  listMeasureReports,
} from '../../../db/repositories/plan-measure-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { MEASURE_STATUS_LABELS } from '../../../domain/plan-measure.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import {
  lockMeasure,
  measureFor,
  municipalityForAction,
  requirePlanEditable,
} from './plan-measure-service.js';

/**
 * Deletes a measure of a plan: whoever may edit it (the municipality's official while the plan
 * is not approved, analysts always). A measure that has been reported on — a quarter with a
 * status other than «не начато», a comment or a file — is refused, naming those quarters: the
 * reports are evidence of execution, so they are cleared deliberately first. Empty report rows
 * go with the measure. The audit record keeps everything that was deleted.
 */
export async function deleteMeasure(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  context: AuditContext,
): Promise<void> {
  const { row, municipality } = await measureFor(
    db,
    regionId,
    id,
    'municipality-data.write',
    context,
  );
  await db.transaction().execute(async (trx) => {
    await lockMeasure(trx, municipality, id);
    await requirePlanEditable(trx, context.actor, municipality, Number(row.year));
    const reports = await listMeasureReports(trx, [id]);
    const files = new Map(
      (await countAttachmentsByReport(trx, id)).map((c) => [c.quarter, Number(c.n)]),
    );
    const reported = reports.filter(
      (r) => r.status !== 'not_started' || (r.comment ?? '') !== '' || files.has(r.quarter),
    );
    if (reported.length > 0) {
      const quarters = reported
        .map((r) => {
          const n = files.get(r.quarter) ?? 0;
          return `${r.quarter} кв.: ${MEASURE_STATUS_LABELS[r.status]}${r.comment ? ', есть комментарий' : ''}${n > 0 ? `, файлов: ${n}` : ''}`;
        })
        .join('; ');
      throw new RequestError(
        409,
        'measure_reported',
        `Мероприятие «${row.title}» нельзя удалить: по нему есть квартальные отчёты (${quarters}). Удалите вложения и верните отчёты в состояние «не начато» без комментария, затем удалите мероприятие.`,
      );
    }
    await deleteMeasureRows(trx, id);
    await recordAudit(trx, {
      context,
      action: 'plan_measure.delete',
      entityType: 'plan_measure',
      entityId: id,
      before: {
        municipality: municipality.code,
        year: Number(row.year),
        title: row.title,
        deadline: row.deadline,
        responsible_official_id: row.responsible_official_id,
        responsible_name: row.responsible_name,
        responsible_position: row.responsible_position,
        created_at: row.created_at,
        created_by: row.created_by,
      },
    });
  });
}

/**
 * Deletes a file attached to a quarterly report: whoever may change that report (the
 * municipality's official, staff). The audit record keeps the file's name, type, size,
 * SHA-256 and who uploaded it when; the bytes are gone.
 */
export async function deleteAttachment(
  db: Kysely<Database>,
  regionId: number,
  id: number,
  context: AuditContext,
): Promise<void> {
  const record = await findAttachmentRecord(db, id);
  const municipality = await municipalityForAction(
    db,
    regionId,
    record?.municipality_id,
    'municipality-data.write',
    { entityType: 'measure_attachment', entityId: id, what: `Вложение №${id}` },
    context,
  );
  if (!record) throw new NotFoundError(`Вложение №${id} не найдено`);
  await db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'municipalityData', municipality.id);
    // A parallel request may have deleted it since it was read: the second one is a 404.
    if (!(await findAttachmentRecord(trx, id)))
      throw new NotFoundError(`Вложение №${id} не найдено`);
    await deleteAttachmentRow(trx, id);
    await recordAudit(trx, {
      context,
      action: 'measure_attachment.delete',
      entityType: 'measure_attachment',
      entityId: id,
      before: {
        municipality: municipality.code,
        measure: record.measure_id,
        year: Number(record.year),
        quarter: Number(record.quarter),
        fileName: record.file_name,
        contentType: record.content_type,
        size: Number(record.size),
        sha256: record.sha256,
        uploadedAt: record.uploaded_at,
        uploadedBy: record.uploaded_by,
      },
    });
  });
}
