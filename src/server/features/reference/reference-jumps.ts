import type { Kysely } from 'kysely';
import { findReferenceValuesFor } from '../../../db/repositories/reference-import-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ImportPreview } from '../../../domain/import-preview.js';
import { changeShare, isJump } from '../../../domain/reference-data.js';
import { formatExactRu } from '../../../domain/russian-number-format.js';
import type { LoadedRegistry } from '../imports/import-registry.js';
import type { ReferencePlan } from '../imports/reference-import.js';
import { readJumpShare } from './reference-table-service.js';

const percent = (share: number) => `${formatExactRu(Math.round(share * 1000) / 10)} %`;

/**
 * The reference values of an import that move more than the set share from the stored value
 * of the previous year: written like any other, but shown in the preview for a second look.
 */
export async function findReferenceJumps(
  db: Kysely<Database>,
  plan: ReferencePlan,
  registry: LoadedRegistry,
): Promise<ImportPreview['reference']['jumps']> {
  const writes = [...plan.inserts, ...plan.updates].filter(
    (w) => w.destination.indicatorId === null,
  );
  if (writes.length === 0) return [];
  const [previous, threshold] = await Promise.all([
    findReferenceValuesFor(
      db,
      [...new Set(writes.map((w) => w.municipalityId))],
      [...new Set(writes.map((w) => w.year - 1))],
    ),
    readJumpShare(db),
  ]);
  const before = new Map(
    previous.map((p) => [`${p.municipality_id}|${p.kind}|${p.year}`, p.value]),
  );
  return writes.flatMap((w) => {
    const last = before.get(`${w.municipalityId}|${w.destination.kind}|${w.year - 1}`) ?? null;
    const share = changeShare(last, w.value);
    if (last === null || share === null || !isJump(last, w.value, threshold)) return [];
    const unit = registry.units.get(w.municipalityId);
    return [
      {
        row: w.row,
        municipality: { code: unit?.code ?? '', name: unit?.name ?? '' },
        label: w.destination.label,
        year: w.year,
        previous: last,
        newValue: w.value,
        share,
        message: `${w.destination.label} за ${w.year} год (${formatExactRu(w.value)}) отличается от ${w.year - 1} года (${formatExactRu(last)}) на ${percent(share)} — больше порога ${percent(threshold)}; проверьте значение`,
      },
    ];
  });
}
