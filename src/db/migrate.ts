import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { initialSchema } from './migrations/2026-11-24-0001-initial-schema.js';
import { accessSchema } from './migrations/2026-11-25-0002-access.js';
import { importsSchema } from './migrations/2026-11-25-0003-imports.js';
import { collectionSchema } from './migrations/2026-11-25-0005-collection.js';
import { planMeasuresSchema } from './migrations/2026-11-25-0007-plan-measures.js';
import { provenancePerBatchSchema } from './migrations/2026-11-25-0008-provenance-per-batch.js';
import { referenceRevisionsSchema } from './migrations/2026-11-25-0009-reference-revisions.js';
import { dataSetsSchema } from './migrations/2026-11-25-0010-data-sets.js';
import { firstRevisionInPlaceSchema } from './migrations/2026-11-26-0011-first-revision-in-place.js';
import { periodByteOrderSchema } from './migrations/2026-12-04-0012-period-byte-order.js';
import { indicatorAliasesSchema } from './migrations/2026-12-05-0013-indicator-aliases.js';
import { loginFailureAccountKnown } from './migrations/2026-12-05-0014-login-failure-account-known.js';
import { planRulesSchema } from './migrations/2026-12-05-0030-plan-rules.js';
import { registryEditsSchema } from './migrations/2026-12-05-0040-registry-edits.js';
import { regionBoundariesSchema } from './migrations/2026-12-05-0070-region-boundaries.js';
import { snapshotUncertaintySchema } from './migrations/2026-12-05-0071-snapshot-uncertainty.js';
import { publicationOverrideSchema } from './migrations/2026-12-05-0080-publication-override.js';
import { indicatorVersionsSchema } from './migrations/2026-12-05-0090-indicator-versions.js';
import { methodologyVersionsSchema } from './migrations/2026-12-05-0100-methodology-versions.js';
import { crossSourceChecksSchema } from './migrations/2026-12-05-0110-cross-source-checks.js';
import { importJobSlotsSchema } from './migrations/2026-12-05-0130-import-job-slots.js';
import { snapshotReviewSchema } from './migrations/2026-12-06-0140-snapshot-review.js';
import { observationCoveringIndexSchema } from './migrations/2026-12-06-0150-observation-covering-index.js';
import { snapshotPlacesSchema } from './migrations/2026-12-06-0160-snapshot-places.js';
import { snapshotContentLastSchema } from './migrations/2026-12-07-0170-snapshot-content-last.js';
import type { Database } from './schema/index.js';

/** Every migration, in order. Listed explicitly; a landed migration is never edited. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24-0001-initial-schema': initialSchema,
  '2026-11-25-0002-access': accessSchema,
  '2026-11-25-0003-imports': importsSchema,
  '2026-11-25-0005-collection': collectionSchema,
  '2026-11-25-0007-plan-measures': planMeasuresSchema,
  '2026-11-25-0008-provenance-per-batch': provenancePerBatchSchema,
  '2026-11-25-0009-reference-revisions': referenceRevisionsSchema,
  '2026-11-25-0010-data-sets': dataSetsSchema,
  '2026-11-26-0011-first-revision-in-place': firstRevisionInPlaceSchema,
  '2026-12-04-0012-period-byte-order': periodByteOrderSchema,
  '2026-12-05-0013-indicator-aliases': indicatorAliasesSchema,
  '2026-12-05-0014-login-failure-account-known': loginFailureAccountKnown,
  '2026-12-05-0030-plan-rules': planRulesSchema,
  '2026-12-05-0070-region-boundaries': regionBoundariesSchema,
  '2026-12-05-0071-snapshot-uncertainty': snapshotUncertaintySchema,
  '2026-12-05-0040-registry-edits': registryEditsSchema,
  '2026-12-05-0080-publication-override': publicationOverrideSchema,
  '2026-12-05-0130-import-job-slots': importJobSlotsSchema,
  '2026-12-05-0110-cross-source-checks': crossSourceChecksSchema,
  '2026-12-05-0100-methodology-versions': methodologyVersionsSchema,
  '2026-12-05-0090-indicator-versions': indicatorVersionsSchema,
  '2026-12-06-0140-snapshot-review': snapshotReviewSchema,
  '2026-12-06-0150-observation-covering-index': observationCoveringIndexSchema,
  '2026-12-06-0160-snapshot-places': snapshotPlacesSchema,
  '2026-12-07-0170-snapshot-content-last': snapshotContentLastSchema,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'неизвестна';
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Миграция базы данных не выполнена (миграция ${failed}): ${cause}`);
  }
  return result;
}
