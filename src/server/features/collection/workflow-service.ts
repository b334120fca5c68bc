import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findSubmission,
  saveSubmissionStatus,
} from '../../../db/repositories/submission-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  SUBMISSION_STATUS_LABELS,
  type SubmissionState,
  type SubmissionStatus,
  type WorkflowRequest,
} from '../../../domain/entry-form.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { municipalityByCode } from '../registry/municipality-refs.js';
import { EntryInvalidError, submissionCheck } from './entry-service.js';
import { actionPermission, requirePeriod, TRANSITIONS } from './workflow-rules.js';

/** Returning and unlocking say why: the official must know what to fix. */
const NEEDS_COMMENT = new Set(['return', 'unlock']);

async function applyTransition(
  trx: Kysely<Database>,
  regionId: number,
  municipality: MunicipalityRef,
  period: string,
  request: WorkflowRequest,
  context: AuditContext,
): Promise<SubmissionState> {
  // Two clicks of one button arrive together: the second reads the status the first wrote.
  await lockForWrite(trx, 'municipalityData', municipality.id);
  // Submitting checks the form, and the form's read brings its workflow row along.
  const check =
    request.action === 'submit'
      ? await submissionCheck(trx, municipality, regionId, period, context)
      : null;
  const row = check ? null : await findSubmission(trx, municipality.id, period);
  const current: SubmissionStatus = check?.status ?? row?.status ?? 'draft';
  const existing = check ? check.submission : row && { id: row.id, submittedAt: row.submitted_at };
  const rule = TRANSITIONS[request.action];
  if (!rule.from.includes(current))
    throw new RequestError(
      409,
      'workflow_conflict',
      `Действие невозможно: данные ${municipality.name} за ${period} в состоянии «${SUBMISSION_STATUS_LABELS[current]}».`,
    );
  const comment = request.comment?.trim() || null;
  if (NEEDS_COMMENT.has(request.action) && comment === null)
    throw new RequestError(
      400,
      'comment_required',
      request.action === 'return'
        ? 'Укажите, что нужно исправить: комментарий обязателен при возврате на доработку.'
        : 'Укажите причину: комментарий обязателен при открытии закрытого периода.',
    );
  if (check && check.problems.length > 0) throw new EntryInvalidError(check.problems);
  await saveSubmissionStatus(trx, {
    existing,
    municipalityId: municipality.id,
    period,
    from: current,
    to: rule.to,
    comment,
    actor: actorLabel(context.actor),
    at: context.at.toISOString(),
  });
  await recordAudit(trx, {
    context,
    action: `submission.${request.action}`,
    entityType: 'submission',
    entityId: `${municipality.code}/${period}`,
    before: { status: current },
    after: { status: rule.to, comment },
  });
  return { municipality, period, status: rule.to, comment };
}

/** Moves one form through the workflow; every transition is in the history and the audit trail. */
export async function transitionSubmission(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  period: string,
  request: WorkflowRequest,
  context: AuditContext,
): Promise<SubmissionState> {
  requirePeriod(period);
  const municipality = await municipalityByCode(db, regionId, code);
  authorize(context.actor, actionPermission(request.action), {
    municipalityId: municipality.id,
    entityType: 'submission',
    entityId: `${code}/${period}`,
  });
  return db
    .transaction()
    .execute((trx) => applyTransition(trx, regionId, municipality, period, request, context));
}

export interface BulkApprovalResult {
  approved: string[];
  /** Forms left as they were, with the reason. */
  skipped: { code: string; message: string }[];
}

/**
 * Approves the submitted forms of several municipalities for a period at once. Each form is
 * approved in its own transaction; a form that is not submitted is skipped with the reason.
 */
export async function approveMany(
  db: Kysely<Database>,
  regionId: number,
  period: string,
  codes: string[],
  context: AuditContext,
): Promise<BulkApprovalResult> {
  requirePeriod(period);
  authorize(context.actor, 'data.approve', { entityType: 'submission', entityId: period });
  const result: BulkApprovalResult = { approved: [], skipped: [] };
  for (const code of codes) {
    try {
      const municipality = await municipalityByCode(db, regionId, code);
      await db
        .transaction()
        .execute((trx) =>
          applyTransition(trx, regionId, municipality, period, { action: 'approve' }, context),
        );
      result.approved.push(code);
    } catch (error) {
      if (!(error instanceof Error) || !('statusCode' in error)) throw error;
      result.skipped.push({ code, message: error.message });
    }
  }
  return result;
}
