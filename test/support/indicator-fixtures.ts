import type { Kysely } from 'kysely';
import { insertMethodology } from '../../src/db/repositories/methodology-repository.js';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import {
  insertPublication,
  insertSnapshot,
} from '../../src/db/repositories/snapshot-repository.js';
import type { Database } from '../../src/db/schema/index.js';
import { indicatorNode, methodologyOf } from './rating-methodologies.js';

/** A passport as the forms send it: an entered percentage unless `over` says otherwise. */
export const passport = (over: Record<string, unknown> = {}) => ({
  name: 'Доля обращений, рассмотренных в срок',
  unit: '%',
  direction: 'higher_better',
  periodicity: 'monthly',
  sourceSystem: 'ПОС',
  rangeMin: 0,
  rangeMax: 100,
  decimals: 1,
  description: null,
  formula: null,
  ...over,
});

/**
 * A published rating (snapshot `code`) whose methodology names indicator `indicator`: the
 * passport is then in use and an edit keeps its former version.
 */
export async function publishMethodologyUsing(
  db: Kysely<Database>,
  indicator: string,
  code: string,
): Promise<void> {
  const regionId = (await findRegionId(db, 'orenburg')) as number;
  const definition = JSON.stringify(
    methodologyOf(`m-${code}`, 'Проверочная методика', [
      indicatorNode(indicator, 'Показатель', { method: 'min-max' }),
    ]),
  );
  const methodologyId = await insertMethodology(db, {
    region_id: regionId,
    code: `m-${code}`,
    version: '1',
    title: 'Проверочная методика',
    effective_from: '2016',
    definition,
    content_hash: code,
    created_at: new Date().toISOString(),
  });
  const snapshotId = await insertSnapshot(db, {
    region_id: regionId,
    code,
    title: 'Проверочный рейтинг',
    period: '2016-03',
    as_of: '2016-03-31',
    methodology_id: methodologyId,
    source_document: 'проверка',
    source_table: null,
    source_note: null,
    content: '{}',
    content_hash: code,
    created_at: new Date().toISOString(),
    supersedes_id: null,
    errata_note: null,
  });
  await insertPublication(db, snapshotId, 'analyst', null);
}
