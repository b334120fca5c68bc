import type { Kysely } from 'kysely';
import {
  findObservationMunicipality,
  listObservationRevisions,
} from '../../../db/repositories/observation-revision-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ValueRevision } from '../../../domain/import-preview.js';
import { NotFoundError } from '../../http-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';

/** How a revision written by import batch `batchId` names its source. */
export function importSource(batchId: number, fileName: string, sourceSystem: string | null) {
  return `импорт №${batchId}: «${fileName}»${sourceSystem ? ` (${sourceSystem})` : ''}`;
}

/**
 * Who wrote a value or revision, when and from which source. Rows written by an import carry
 * none of their own (it is stored once, on the batch); other writers' rows carry their own.
 */
export function provenanceOf(own: {
  source: string | null;
  author: string | null;
  at: string | null;
  batch: {
    id: number | null;
    fileName: string | null;
    sourceSystem: string | null;
    author: string | null;
    importedAt: string | null;
  };
}): { source: string; author: string; at: string } {
  const { batch } = own;
  return {
    source:
      own.source ??
      (batch.id === null ? '' : importSource(batch.id, batch.fileName ?? '', batch.sourceSystem)),
    author: own.author ?? batch.author ?? '',
    at: own.at ?? batch.importedAt ?? '',
  };
}

/**
 * The history of one value, oldest first: each revision's old → new, who, when, from which
 * source, and for imported values the batch, file, hash and row. With a context (HTTP), the
 * caller must be allowed to read that municipality's unpublished data.
 */
export async function listRevisions(
  db: Kysely<Database>,
  observationId: number,
  context?: AuditContext,
): Promise<ValueRevision[]> {
  if (context) {
    const municipalityId = await findObservationMunicipality(db, observationId);
    if (municipalityId === null) throw new NotFoundError(`Значение №${observationId} не найдено`);
    authorize(context.actor, 'municipality-data.read', {
      municipalityId,
      entityType: 'observation',
      entityId: observationId,
    });
  }
  const rows = await listObservationRevisions(db, observationId);
  return rows.map((r) => {
    const { source, author, at } = provenanceOf({
      source: r.source,
      author: r.author,
      at: r.changed_at,
      batch: {
        id: r.import_batch_id,
        fileName: r.file_name,
        sourceSystem: r.source_system,
        author: r.batch_author,
        importedAt: r.imported_at,
      },
    });
    return {
      revision: r.revision,
      oldValue: r.old_value,
      newValue: r.new_value,
      author,
      changedAt: at,
      source,
      note: r.note,
      batch: batchOf(r),
    };
  });
}

/** The import a revision came from, with the row of the file; null for other writers. */
export function batchOf(r: {
  import_batch_id: number | null;
  file_name: string | null;
  file_sha256: string | null;
  source_system: string | null;
  source_row: number | null;
}): ValueRevision['batch'] {
  return r.import_batch_id === null
    ? null
    : {
        id: r.import_batch_id,
        fileName: r.file_name,
        sha256: r.file_sha256,
        sourceSystem: r.source_system,
        row: r.source_row,
      };
}
