import {
  ageInDays,
  REPORT_SOURCE_LABEL,
  RESOLUTION_SOURCE,
  type SourceValue,
} from '../../../domain/cross-check.js';
import { provenanceOf } from '../imports/revision-service.js';

/** A revision of an observation as the repositories read it, with its import batch if any. */
export interface RevisionRow {
  revision: number;
  value: number | null;
  source: string | null;
  author: string | null;
  at: string | null;
  import_batch_id: number | null;
  source_row: number | null;
  file_name: string | null;
  source_system: string | null;
  batch_author: string | null;
  imported_at: string | null;
}

/**
 * Which source a revision speaks for: a source-system extract (an import that names its
 * system) by that system's name, the municipality's own report (its form or its own import)
 * as `report`; an analyst's choice between sources speaks for none.
 */
export function sourceKeyOf(r: RevisionRow): string | null {
  if (r.source?.startsWith(RESOLUTION_SOURCE)) return null;
  const system = r.source_system?.trim();
  if (r.import_batch_id !== null && system) return system;
  return 'report';
}

/** The latest revision of each source: `report` and every extract system's name. */
export function latestBySource<T extends RevisionRow>(rows: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const r of rows) {
    const key = sourceKeyOf(r);
    if (key === null) continue;
    const before = latest.get(key);
    if (!before || before.revision < r.revision) latest.set(key, r);
  }
  return latest;
}

/** One source's value with its provenance and age on `now`. */
export function sourceValueOf(r: RevisionRow, now: Date): SourceValue {
  const p = provenanceOf({
    source: r.source,
    author: r.author,
    at: r.at,
    batch: {
      id: r.import_batch_id,
      fileName: r.file_name,
      sourceSystem: r.source_system,
      author: r.batch_author,
      importedAt: r.imported_at,
    },
  });
  const system = sourceKeyOf(r);
  return {
    revision: r.revision,
    value: r.value,
    source: p.source || REPORT_SOURCE_LABEL,
    sourceSystem: system === 'report' ? null : system,
    batchId: r.import_batch_id,
    fileName: r.file_name,
    row: r.source_row,
    author: p.author,
    recordedAt: p.at,
    ageDays: ageInDays(p.at, now),
  };
}
