import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema/index.js';
import type { ImportJobMode } from '../../../domain/import-job.js';
import { InputError } from '../../../ingest/input-problem.js';
import { AccessError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import type { ImportJobOutcome } from './import-jobs.js';
import {
  commitImport,
  type ImportProgress,
  ImportRejectedError,
  type ImportRequest,
  previewImport,
} from './import-service.js';
import { forThePage, previewForThePage } from './page-wording.js';

/**
 * Runs one preview or commit for a job and turns every ending into an outcome: the same
 * answers the synchronous routes give (422 with the preview for a refused file, 403 for a
 * foreign municipality, recorded as a denial in the audit trail, as the access hooks do).
 */
export async function runImportJob(
  db: Kysely<Database>,
  regionId: number,
  mode: ImportJobMode,
  request: ImportRequest,
  context: AuditContext,
  onProgress: (p: ImportProgress) => void,
  log: FastifyBaseLogger,
): Promise<ImportJobOutcome> {
  // At least a millisecond after each written chunk: the event loop sends the progress (a
  // SQLite write is synchronous). Longer only as a test knob, as for the command line.
  const chunkDelayMs = Math.max(1, Number(process.env.MUNIRANK_IMPORT_CHUNK_DELAY_MS ?? 0));
  const options = { context, onProgress, chunkDelayMs };
  try {
    if (mode === 'preview') {
      const preview = await previewImport(db, regionId, request, options);
      return { state: 'succeeded', preview: previewForThePage(preview), result: null };
    }
    const result = await commitImport(db, regionId, request, actorLabel(context.actor), options);
    const preview = previewForThePage(result.preview);
    return { state: 'succeeded', preview, result: { ...result, preview } };
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      const preview = previewForThePage(error.preview);
      return { state: 'rejected', preview, message: preview.summary };
    }
    if (error instanceof AccessError) {
      if (error.audit)
        await recordAudit(db, {
          context,
          action: error.audit.action,
          entityType: error.audit.entityType ?? null,
          entityId: error.audit.entityId ?? null,
          outcome: 'denied',
          detail: `задание импорта (${mode}): ${error.message}`.slice(0, 1000),
        }).catch((auditError: unknown) => log.error(auditError));
      return { state: 'failed', status: error.statusCode, message: error.message };
    }
    if (error instanceof InputError)
      return {
        state: 'failed',
        status: 400,
        message: error.problems.map((p) => forThePage(p.message)).join('; '),
      };
    log.error(error);
    return {
      state: 'failed',
      status: 500,
      message: 'Внутренняя ошибка сервера. Подробности записаны в журнал.',
    };
  }
}
