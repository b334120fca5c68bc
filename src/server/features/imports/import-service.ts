import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Value } from 'typebox/value';
import {
  findBatchesByHash,
  insertImportBatch,
} from '../../../db/repositories/import-batch-repository.js';
import {
  findImportMapping,
  saveImportMapping,
} from '../../../db/repositories/import-mapping-repository.js';
import {
  type ChangedValue,
  type ExistingObservation,
  findObservationsFor,
  insertObservationsBulk,
  lockObservationsForWriting,
  type NewValue,
  SET_WISE_ROWS,
  type SpeculativeCopy,
  startSpeculativeCopy,
  updateObservationsBulk,
} from '../../../db/repositories/observation-bulk-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  ColumnMapping,
  DEFAULT_LONG_MAPPING,
  DEFAULT_WIDE_MAPPING,
} from '../../../domain/import-mapping.js';
import type { ImportPreview, ImportResult } from '../../../domain/import-preview.js';
import type { TextEncodingName } from '../../../ingest/decode-text.js';
import type { Delimiter } from '../../../ingest/delimited-text.js';
import { InputError, type InputProblem } from '../../../ingest/input-problem.js';
import {
  type ImportFileKind,
  type ImportTable,
  readImportTable,
} from '../../../ingest/read-import-table.js';
import {
  type ReadObservationsResult,
  readObservationsInSteps,
} from '../../../ingest/read-observations.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { findReferenceJumps } from '../reference/reference-jumps.js';
import { type AliasConfirmation, confirmAlias } from './alias-service.js';
import { closedPeriodProblems } from './closed-periods.js';
import { describeReadAs, describeValue, summarise } from './describe-import.js';
import {
  authorizeImportAtAll,
  authorizeImportRows,
  authorizeReferenceImport,
} from './import-authorization.js';
import { loadImportRegistry } from './import-registry.js';
import {
  confirmIndicatorAlias,
  type IndicatorAliasConfirmation,
} from './indicator-alias-service.js';
import { checkAliases, type Pending } from './pending-aliases.js';
import {
  describeReferencePlan,
  planReferenceChanges,
  type ReferencePlan,
  splitReferenceValues,
  writeReferenceChanges,
} from './reference-import.js';
import { importSource } from './revision-service.js';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  kind?: ImportFileKind | undefined;
  encoding?: TextEncodingName | undefined;
  delimiter?: Delimiter | undefined;
  sheet?: string | undefined;
  /** Picks the built-in mapping when none is given; without it, long is tried, then wide. */
  format?: 'long' | 'wide' | undefined;
  period?: string | undefined;
  mapping?: ColumnMapping | undefined;
  mappingName?: string | undefined;
  /** Commit only: save the mapping used under this name, for the source system. */
  saveMappingAs?: string | undefined;
  sourceSystem?: string | undefined;
  aliases?: AliasConfirmation[] | undefined;
  /** Headers or names confirmed to mean an indicator: applied, and saved on commit. */
  indicatorAliases?: IndicatorAliasConfirmation[] | undefined;
}

export interface ImportProgress {
  phase: 'чтение' | 'проверка' | 'сравнение' | 'запись';
  done: number;
  total: number;
}

export interface ImportRunOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Pause after each written chunk; lets a test kill the process inside the transaction. */
  chunkDelayMs?: number;
  /** How many inserts and updates a preview lists (counts are always complete). */
  previewLimit?: number;
  /** Who imports (HTTP): authorised per municipality and recorded in the audit trail. */
  context?: AuditContext;
}

/** The import was refused: every problem, and the preview that shows them. */
export class ImportRejectedError extends InputError {
  readonly preview: ImportPreview;
  constructor(preview: ImportPreview) {
    super(preview.problems);
    this.name = 'ImportRejectedError';
    this.preview = preview;
  }
}

interface Analysis {
  preview: ImportPreview;
  inserts: NewValue[];
  updates: ChangedValue[];
  mapping: ColumnMapping | null;
  reference: ReferencePlan;
  /** The inserts, already in the table by a COPY made while checking: to keep, not to write. */
  written: SpeculativeCopy | null;
  /** The batch id a COPY reserved, kept or not (a sequence gives a number once). */
  batchId: number | null;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What an import would do, without writing anything. */
export async function previewImport(
  db: Kysely<Database>,
  regionId: number,
  request: ImportRequest,
  options: ImportRunOptions = {},
): Promise<ImportPreview> {
  if (options.context) authorizeImportAtAll(options.context.actor);
  const table = await readTable(request, options);
  const extra = await checkAliases(db, regionId, request);
  return (await analyse(db, regionId, request, table, extra.pending, extra.problems, options))
    .preview;
}

/**
 * Imports all or nothing, in one transaction: confirmed aliases, the batch record, new values
 * and changed values with their revisions (batch and row). Any problem rolls everything back
 * and throws ImportRejectedError; a file that changes nothing writes nothing and says so.
 */
export async function commitImport(
  db: Kysely<Database>,
  regionId: number,
  request: ImportRequest,
  author: string,
  options: ImportRunOptions = {},
): Promise<ImportResult> {
  if (options.context) authorizeImportAtAll(options.context.actor);
  const table = await readTable(request, options);
  return db.transaction().execute(async (trx) => {
    await lockObservationsForWriting(trx);
    const problems: InputProblem[] = [];
    const confirmations = [
      ...(request.aliases ?? []).map((a) => () => confirmAlias(trx, regionId, a)),
      ...(request.indicatorAliases ?? []).map((a) => () => confirmIndicatorAlias(trx, regionId, a)),
    ];
    for (const confirm of confirmations) {
      try {
        await confirm();
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.problems);
      }
    }
    const none = { units: [], indicators: [] };
    // A large file's new values go to the server while the rest of it is checked (PostgreSQL).
    const analysis = await analyse(trx, regionId, request, table, none, problems, options, (n) =>
      confirmations.length === 0 && n >= SET_WISE_ROWS
        ? startSpeculativeCopy(trx, n)
        : Promise.resolve(null),
    );
    const { preview } = analysis;
    if (preview.problems.length > 0) throw new ImportRejectedError(preview);
    if (preview.noChanges) return { outcome: 'no-changes', batchId: null, preview };
    if (request.saveMappingAs && analysis.mapping)
      await saveImportMapping(trx, {
        regionId,
        name: request.saveMappingAs,
        sourceSystem: request.sourceSystem ?? null,
        definition: JSON.stringify(analysis.mapping),
      });
    const at = new Date().toISOString();
    const batchId = await insertImportBatch(trx, {
      ...(analysis.batchId === null ? {} : { id: analysis.batchId }),
      region_id: regionId,
      file_name: request.fileName,
      file_sha256: preview.sha256,
      file_size: preview.size,
      source_system: request.sourceSystem ?? null,
      read_as: preview.readAs,
      mapping_name: request.mappingName ?? request.saveMappingAs ?? null,
      author,
      imported_at: at,
      values_read: preview.counts.valuesRead,
      inserted: preview.counts.insert,
      updated: preview.counts.update,
      unchanged: preview.counts.unchanged,
    });
    const total = analysis.inserts.length + analysis.updates.length;
    const step = async (done: number) => {
      options.onProgress?.({ phase: 'запись', done, total });
      if (options.chunkDelayMs) await new Promise((r) => setTimeout(r, options.chunkDelayMs));
    };
    options.onProgress?.({ phase: 'запись', done: 0, total });
    if (analysis.written) {
      // The rows are in: the keys come back now that the batch row exists.
      await analysis.written.keep();
      await step(analysis.inserts.length);
    } else await insertObservationsBulk(trx, analysis.inserts, batchId, step);
    const base = analysis.inserts.length;
    await updateObservationsBulk(trx, analysis.updates, batchId, (n) => step(base + n));
    // Reference data changes are few: their revisions carry the batch's provenance in full.
    await writeReferenceChanges(trx, analysis.reference, {
      source: importSource(batchId, request.fileName, request.sourceSystem ?? null),
      author,
      at,
      batchId,
    });
    if (options.context)
      await recordAudit(trx, {
        context: options.context,
        action: 'import.commit',
        entityType: 'import_batch',
        entityId: batchId,
        after: { fileName: request.fileName, sha256: preview.sha256, counts: preview.counts },
      });
    return { outcome: 'committed', batchId, preview };
  });
}

async function readTable(request: ImportRequest, options: ImportRunOptions): Promise<ImportTable> {
  options.onProgress?.({ phase: 'чтение', done: 0, total: request.bytes.length });
  const table = await readImportTable(request.bytes, {
    file: request.fileName,
    kind: request.kind,
    encoding: request.encoding,
    delimiter: request.delimiter,
    sheet: request.sheet,
  });
  options.onProgress?.({
    phase: 'чтение',
    done: request.bytes.length,
    total: request.bytes.length,
  });
  return table;
}

async function resolveMapping(
  db: Kysely<Database>,
  regionId: number,
  request: ImportRequest,
  problems: InputProblem[],
): Promise<ColumnMapping[]> {
  if (request.mapping) return [request.mapping];
  if (request.mappingName) {
    const row = await findImportMapping(db, regionId, request.mappingName);
    const parsed: unknown = row ? JSON.parse(row.definition) : null;
    if (row && Value.Check(ColumnMapping, parsed)) return [parsed];
    problems.push({
      file: request.fileName,
      row: null,
      column: null,
      message: row
        ? `сохранённое сопоставление граф «${request.mappingName}» повреждено`
        : `нет сохранённого сопоставления граф «${request.mappingName}»`,
    });
    return [];
  }
  if (request.format === 'long') return [DEFAULT_LONG_MAPPING];
  if (request.format === 'wide') return [DEFAULT_WIDE_MAPPING];
  return [DEFAULT_LONG_MAPPING, DEFAULT_WIDE_MAPPING];
}

async function analyse(
  db: Kysely<Database>,
  regionId: number,
  request: ImportRequest,
  table: ImportTable,
  pending: Pending,
  earlyProblems: InputProblem[],
  options: ImportRunOptions,
  /** Starts a COPY of new values for a table of `rows` rows, or declines (null). */
  speculate?: (rows: number) => Promise<SpeculativeCopy | null>,
): Promise<Analysis> {
  const problems = [...earlyProblems, ...table.problems];
  const registry = await loadImportRegistry(db, regionId, pending.units, pending.indicators);
  const mappings =
    table.problems.length > 0 ? [] : await resolveMapping(db, regionId, request, problems);
  options.onProgress?.({ phase: 'проверка', done: 0, total: table.table.rows.length });
  let read: ReadObservationsResult | null = null;
  let mapping: ColumnMapping | null = null;
  let copy = speculate && mappings.length > 0 ? await speculate(table.table.rows.length) : null;
  const batchId = copy?.batchId ?? null;
  // Reference values (population, targets) go to their own tables, never into this COPY.
  const isObservation = (v: NewValue) => !registry.reference.has(v.indicatorId);
  try {
    for (const candidate of mappings) {
      const steps = readObservationsInSteps(table.table, candidate, registry, {
        period: request.period,
      });
      let sent = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) {
        if (!copy) continue;
        // Each step's new values to the server, then a turn of the event loop, so that the
        // socket sends them while the next step is checked.
        copy.write(step.value, sent, step.value.length, isObservation);
        sent = step.value.length;
        await new Promise((resolve) => setImmediate(resolve));
      }
      read = step.value;
      copy?.write(read.values, sent, read.values.length, isObservation);
      mapping = candidate;
      if (read.headerRow !== null) break;
    }
  } catch (error) {
    await copy?.end(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  // A COPY the server refused leaves the transaction to be rolled back to its savepoint
  // before anything else runs; the values are then written the usual way.
  if (copy && !(await copy.end())) {
    await copy.discard();
    copy = null;
  }
  options.onProgress?.({
    phase: 'проверка',
    done: table.table.rows.length,
    total: table.table.rows.length,
  });
  const earlyCount = problems.length;
  if (read) problems.push(...read.problems);
  const allValues = read?.values ?? [];
  if (options.context)
    authorizeImportRows(
      options.context.actor,
      allValues.map((v) => v.municipalityId),
    );
  const { observations: values, reference } = splitReferenceValues(allValues, registry.reference);
  if (options.context && reference.length > 0)
    authorizeReferenceImport(options.context.actor, request.fileName);
  const referencePlan = await planReferenceChanges(db, request.fileName, registry, reference);
  problems.push(...referencePlan.problems);
  const referenceJumps = await findReferenceJumps(db, referencePlan, registry);

  options.onProgress?.({ phase: 'сравнение', done: 0, total: values.length });
  const indicatorSet = new Set<number>();
  const periodSet = new Set<string>();
  for (const v of values) {
    indicatorSet.add(v.indicatorId);
    periodSet.add(v.period);
  }
  const stored = await findObservationsFor(db, [...indicatorSet], [...periodSet], copy?.batchId);
  // Nothing stored yet for these indicators and periods (one set-wise query said so): every
  // value is new, and no value needs looking up.
  const allNew = stored.length === 0;
  const storedFor = indexStored(stored);
  // The COPY holds exactly the new values: keep it. Otherwise (stored values to compare and
  // update, nothing new) undo it and write the usual way.
  const written =
    copy && allNew && values.length > 0 && copy.written === values.length ? copy : null;
  if (copy && !written) await copy.discard();
  const inserts: NewValue[] = allNew ? values : [];
  const updates: ChangedValue[] = [];
  let unchanged = 0;
  for (const v of allNew ? [] : values) {
    const old = storedFor(v);
    if (!old) inserts.push(v);
    else if (old.value === v.value) unchanged += 1;
    else
      updates.push({
        observationId: old.id,
        oldValue: old.value,
        newValue: v.value,
        revision: old.revision + 1,
        row: v.row,
        municipalityId: v.municipalityId,
        indicatorId: v.indicatorId,
        period: v.period,
      } as ChangedValue & NewValue);
  }
  const closed = await closedPeriodProblems(
    db,
    request.fileName,
    [inserts, updates as (ChangedValue & NewValue)[]],
    (id) => registry.units.get(id)?.name ?? String(id),
  );
  problems.push(...closed);
  const hash = sha256(request.bytes);
  const earlier = await findBatchesByHash(db, regionId, hash);
  const limit = options.previewLimit ?? 50;
  const counts = {
    valuesRead: allValues.length,
    insert: inserts.length + referencePlan.inserts.length,
    update: updates.length + referencePlan.updates.length,
    unchanged: unchanged + referencePlan.unchanged,
    missing: read?.missing ?? 0,
    problems:
      earlyCount + (read?.problemCount ?? 0) + closed.length + referencePlan.problems.length,
  };
  const preview: ImportPreview = {
    fileName: request.fileName,
    sha256: hash,
    size: request.bytes.length,
    readAs: describeReadAs(table, mapping),
    sourceSystem: request.sourceSystem ?? null,
    mappingName: request.mappingName ?? null,
    headerRow: read?.headerRow ?? null,
    ignoredColumns: read?.ignoredColumns ?? [],
    columns: read?.columns ?? [],
    totalRows: read?.totalRows ?? [],
    formulaValues: read?.formulaValues ?? { count: 0, cells: [] },
    counts,
    inserts: inserts
      .slice(0, limit)
      .map((v) => ({ ...describeValue(registry, v), value: v.value })),
    updates: updates.slice(0, limit).map((c) => ({
      ...describeValue(registry, c as ChangedValue & NewValue),
      oldValue: c.oldValue,
      newValue: c.newValue,
    })),
    reference: { ...describeReferencePlan(referencePlan, registry, limit), jumps: referenceJumps },
    problems,
    unknownNames: read?.unknownNames ?? [],
    unknownIndicators: read?.unknownIndicators ?? [],
    earlierImports: earlier.map((b) => ({
      batchId: b.id,
      importedAt: b.imported_at,
      author: b.author,
    })),
    noChanges: problems.length === 0 && counts.insert === 0 && counts.update === 0,
    summary: '',
  };
  preview.summary = summarise(preview);
  return { preview, inserts, updates, mapping, reference: referencePlan, written, batchId };
}

/**
 * Looks stored observations up by period, unit and indicator: three map lookups per value
 * instead of building a string key for each of a million values and stored rows.
 */
function indexStored(stored: ExistingObservation[]) {
  const byPeriod = new Map<string, Map<number, Map<number, ExistingObservation>>>();
  for (const o of stored) {
    let units = byPeriod.get(o.period);
    if (!units) {
      units = new Map();
      byPeriod.set(o.period, units);
    }
    let indicators = units.get(o.municipality_id);
    if (!indicators) {
      indicators = new Map();
      units.set(o.municipality_id, indicators);
    }
    indicators.set(o.indicator_id, o);
  }
  return (v: NewValue) => byPeriod.get(v.period)?.get(v.municipalityId)?.get(v.indicatorId);
}
