import type { Kysely } from 'kysely';
import {
  findPlanTargetsFor,
  findReferenceValuesFor,
  insertPlanTargets,
  insertReferenceRevisions,
  insertReferenceValues,
  updatePlanTarget,
  updatePlanTargetStart,
  updateReferenceValue,
} from '../../../db/repositories/reference-import-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ReferenceKind } from '../../../db/schema/reference-value.js';
import type { ImportPreview, ReferenceChange } from '../../../domain/import-preview.js';
import { formatExactRu } from '../../../domain/russian-number-format.js';
import type { InputProblem } from '../../../ingest/input-problem.js';
import type { ParsedObservation } from '../../../ingest/read-observations.js';
import type { LoadedRegistry } from './import-registry.js';
import type { ReferenceDestination } from './reference-passports.js';

/** One reference value to write: where it goes, for which year, and the stored one it replaces. */
export interface ReferenceWrite {
  row: number;
  municipalityId: number;
  destination: ReferenceDestination;
  year: number;
  value: number;
  /**
   * The stored row (reference_value or plan_target) and its value, null for a new row; a
   * plan_target row without a start-of-year value gives `value: null`.
   */
  stored: { id: number; value: number | null } | null;
}

export interface ReferencePlan {
  inserts: ReferenceWrite[];
  updates: ReferenceWrite[];
  unchanged: number;
  problems: InputProblem[];
}

/** Indicator values on one side, reference values (pseudo-indicators) on the other. */
export function splitReferenceValues(
  values: ParsedObservation[],
  destinations: Map<number, ReferenceDestination>,
): { observations: ParsedObservation[]; reference: ParsedObservation[] } {
  if (!values.some((v) => destinations.has(v.indicatorId)))
    return { observations: values, reference: [] };
  const observations: ParsedObservation[] = [];
  const reference: ParsedObservation[] = [];
  for (const v of values) (destinations.has(v.indicatorId) ? reference : observations).push(v);
  return { observations, reference };
}

const keyOf = (municipalityId: number, d: ReferenceDestination, year: number) =>
  `${municipalityId}|${d.kind}|${d.indicatorId ?? ''}|${year}`;

/** The key of the target in the same plan_target row as a start-of-year value. */
const targetKeyOf = (w: ReferenceWrite) =>
  `${w.municipalityId}|target|${w.destination.indicatorId}|${w.year}`;

/**
 * Compares reference values read from a file with the stored ones. Reference data is kept
 * per year: a value given for a month or a date counts for its year, and two different
 * values for one year in one file are a problem.
 */
export async function planReferenceChanges(
  db: Kysely<Database>,
  fileName: string,
  registry: LoadedRegistry,
  values: ParsedObservation[],
): Promise<ReferencePlan> {
  const plan: ReferencePlan = { inserts: [], updates: [], unchanged: 0, problems: [] };
  if (values.length === 0) return plan;
  const read = new Map<string, ReferenceWrite>();
  for (const v of values) {
    const destination = registry.reference.get(v.indicatorId) as ReferenceDestination;
    const year = Number(v.period.slice(0, 4));
    const key = keyOf(v.municipalityId, destination, year);
    const earlier = read.get(key);
    if (!earlier) {
      read.set(key, {
        row: v.row,
        municipalityId: v.municipalityId,
        destination,
        year,
        value: v.value,
        stored: null,
      });
      continue;
    }
    if (earlier.value !== v.value)
      plan.problems.push({
        file: fileName,
        row: v.row,
        column: destination.label,
        message: `повтор: для этого ОМСУ за ${year} год уже дано значение в строке ${earlier.row} (${formatExactRu(earlier.value)}), здесь другое (${formatExactRu(v.value)}); справочные данные хранятся по годам`,
      });
  }
  const all = [...read.values()];
  const stored = await storedReferenceValues(db, all);
  for (const w of all) {
    w.stored = stored.get(keyOf(w.municipalityId, w.destination, w.year)) ?? null;
    if (w.stored === null || w.stored.value === null) {
      if (w.stored === null && w.destination.kind === 'target_start')
        plan.problems.push(...needsTarget(fileName, registry, w, read));
      plan.inserts.push(w);
    } else if (w.stored.value === w.value) plan.unchanged += 1;
    else plan.updates.push(w);
  }
  return plan;
}

/**
 * A start-of-year value is kept in its year's plan_target row, whose target is required: for a
 * year without a stored target the file has to give the target too.
 */
function needsTarget(
  fileName: string,
  registry: LoadedRegistry,
  w: ReferenceWrite,
  read: Map<string, ReferenceWrite>,
): InputProblem[] {
  if (read.has(targetKeyOf(w))) return [];
  const code = registry.indicatorsById.get(w.destination.indicatorId as number)?.code ?? '';
  return [
    {
      file: fileName,
      row: w.row,
      column: w.destination.label,
      message: `нет целевого значения ${code} на ${w.year} год для этого ОМСУ: значение на начало года хранится вместе с целевым, дайте в файле и целевое значение (target:${code})`,
    },
  ];
}

/** The stored values the file's reference values would replace, by keyOf. */
async function storedReferenceValues(
  db: Kysely<Database>,
  all: ReferenceWrite[],
): Promise<Map<string, { id: number; value: number | null }>> {
  const years = [...new Set(all.map((w) => w.year))];
  const indicatorIds = all.flatMap((w) =>
    w.destination.indicatorId === null ? [] : [w.destination.indicatorId],
  );
  const [references, targets] = await Promise.all([
    findReferenceValuesFor(db, [...new Set(all.map((w) => w.municipalityId))], years),
    findPlanTargetsFor(db, [...new Set(indicatorIds)], years),
  ]);
  const stored = new Map<string, { id: number; value: number | null }>();
  for (const r of references)
    stored.set(`${r.municipality_id}|${r.kind}||${r.year}`, { id: r.id, value: r.value });
  for (const t of targets) {
    const at = `${t.indicator_id}|${t.year}`;
    stored.set(`${t.municipality_id}|target|${at}`, { id: t.id, value: t.target_value });
    stored.set(`${t.municipality_id}|target_start|${at}`, { id: t.id, value: t.start_value });
  }
  return stored;
}

/** The preview's part for reference data: counts and the first changes. */
export function describeReferencePlan(
  plan: ReferencePlan,
  registry: LoadedRegistry,
  limit: number,
): Omit<ImportPreview['reference'], 'jumps'> {
  const describe = (w: ReferenceWrite): ReferenceChange => {
    const unit = registry.units.get(w.municipalityId);
    const d = w.destination;
    return {
      row: w.row,
      municipality: { code: unit?.code ?? '', name: unit?.name ?? '' },
      kind: d.kind,
      indicator:
        d.indicatorId === null ? null : (registry.indicatorsById.get(d.indicatorId)?.code ?? null),
      label: d.label,
      year: w.year,
      oldValue: w.stored?.value ?? null,
      newValue: w.value,
    };
  };
  return {
    insert: plan.inserts.length,
    update: plan.updates.length,
    unchanged: plan.unchanged,
    changes: [...plan.inserts, ...plan.updates].slice(0, limit).map(describe),
  };
}

/**
 * Writes the planned reference values inside the import's transaction: new reference values
 * and targets (with the file's start value of the same year), changed ones and start values
 * of stored targets updated in place, and a revision for each (old → new, author, time,
 * batch, row of the file).
 */
export async function writeReferenceChanges(
  trx: Kysely<Database>,
  plan: ReferencePlan,
  provenance: { source: string; author: string; at: string; batchId: number },
): Promise<void> {
  const { source } = provenance;
  const newReferences = plan.inserts.filter((w) => w.destination.indicatorId === null);
  const newTargets = plan.inserts.filter((w) => w.destination.kind === 'target');
  // A start value for a year without a stored target goes into the row of the file's target.
  const startOf = new Map(
    plan.inserts
      .filter((w) => w.destination.kind === 'target_start' && w.stored === null)
      .map((w) => [targetKeyOf(w), w]),
  );
  await insertReferenceValues(
    trx,
    newReferences.map((w) => ({
      municipality_id: w.municipalityId,
      year: w.year,
      kind: w.destination.kind as ReferenceKind,
      value: w.value,
      is_illustrative: 0,
      source,
    })),
  );
  await insertPlanTargets(
    trx,
    newTargets.map((w) => ({
      municipality_id: w.municipalityId,
      indicator_id: w.destination.indicatorId as number,
      year: w.year,
      start_value: startOf.get(targetKeyOf(w))?.value ?? null,
      target_value: w.value,
      rule: null,
      source,
      is_illustrative: 0,
    })),
  );
  for (const w of [...plan.inserts, ...plan.updates]) {
    if (w.stored === null) continue;
    const { id } = w.stored;
    if (w.destination.kind === 'target') await updatePlanTarget(trx, id, w.value, source);
    else if (w.destination.kind === 'target_start')
      await updatePlanTargetStart(trx, id, w.value, source);
    else await updateReferenceValue(trx, id, w.value, source);
  }
  await insertReferenceRevisions(
    trx,
    [...plan.inserts, ...plan.updates].map((w) => ({
      municipality_id: w.municipalityId,
      year: w.year,
      kind: w.destination.kind,
      indicator_id: w.destination.indicatorId,
      old_value: w.stored?.value ?? null,
      new_value: w.value,
      source,
      author: provenance.author,
      changed_at: provenance.at,
      import_batch_id: provenance.batchId,
      source_row: w.row,
    })),
  );
}
