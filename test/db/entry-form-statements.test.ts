import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { getEntryForm, saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { transitionSubmission } from '../../src/server/features/collection/workflow-service.js';
import { COMPLETE_MONTH, freshPeriod, SYSTEM } from '../support/collection-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';

// On a deadline day every official opens, saves and submits a form at once, and each
// statement costs the database a round trip. These counts keep the cut from coming back
// unnoticed: a new statement on these paths must change them on purpose.
describe.each(testDatabases())('statements of a form on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let regionId: number;

  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    regionId = (await findRegionId(instance.handle.db, 'orenburg')) ?? -1;
  });
  afterAll(async () => {
    await instance?.dispose();
  });

  /** The statements `run` sends, and what it returns. */
  async function counted<T>(run: () => Promise<T>): Promise<{ statements: number; result: T }> {
    const before = instance.handle.statementsSent();
    const result = await run();
    return { statements: instance.handle.statementsSent() - before, result };
  }

  it('opens a form with 2 statements: the municipality, then everything the form shows', async () => {
    const period = freshPeriod();
    const { statements, result } = await counted(() =>
      getEntryForm(instance.handle.db, regionId, 'buzuluk-city', period, SYSTEM),
    );
    expect(result.lines.map((l) => l.code).sort()).toEqual(
      ['esia_new', 'esia_per_1000', 'esia_total', 'rating_2016'].sort(),
    );
    expect(statements).toBe(2);
  });

  it.runIf(kind.name === 'postgres')(
    'keeps the form statement prepared on the connection that ran it',
    async () => {
      const period = freshPeriod();
      const names = await instance.handle.db.transaction().execute(async (trx) => {
        await getEntryForm(trx, regionId, 'buzuluk-city', period, SYSTEM);
        await getEntryForm(trx, regionId, 'orsk-city', period, SYSTEM);
        return (
          await sql<{ name: string }>`
            select name from pg_prepared_statements where name like 'munirank\_%'
          `.execute(trx)
        ).rows;
      });
      expect(names).toHaveLength(1);
    },
  );

  it('saves any number of values with one upsert and one insert of revisions', async () => {
    const db = instance.handle.db;
    const period = freshPeriod();
    // Municipality, BEGIN (on PostgreSQL in one message with the municipality's advisory
    // lock), form, observations, revisions, audit, COMMIT.
    const first = await counted(() =>
      saveEntryForm(db, regionId, 'buzuluk-city', period, { values: COMPLETE_MONTH }, SYSTEM),
    );
    expect(first.statements).toBe(7);
    const line = (code: string) => first.result.lines.find((l) => l.code === code);
    expect(line('esia_new')?.value).toBe(1000);
    expect(line('esia_total')?.value).toBe(10000);

    const values = { rating_2016: 0.6, esia_new: 1100, esia_total: 10100 };
    const second = await counted(() =>
      saveEntryForm(db, regionId, 'buzuluk-city', period, { values }, SYSTEM),
    );
    expect(second.statements).toBe(7);
    const revisions = await db
      .selectFrom('observation_revision as r')
      .innerJoin('observation as o', 'o.id', 'r.observation_id')
      .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
      .select(['i.code', 'r.revision', 'r.old_value', 'r.new_value'])
      // A stock (esia_total) is stored on the next month's first day: found by its id.
      .where(
        'o.id',
        'in',
        first.result.lines.flatMap((l) => (l.observationId === null ? [] : [l.observationId])),
      )
      .orderBy('i.code')
      .orderBy('r.revision')
      .execute();
    expect(revisions).toEqual([
      { code: 'esia_new', revision: 1, old_value: null, new_value: 1000 },
      { code: 'esia_new', revision: 2, old_value: 1000, new_value: 1100 },
      { code: 'esia_total', revision: 1, old_value: null, new_value: 10000 },
      { code: 'esia_total', revision: 2, old_value: 10000, new_value: 10100 },
      { code: 'rating_2016', revision: 1, old_value: null, new_value: 0.5 },
      { code: 'rating_2016', revision: 2, old_value: 0.5, new_value: 0.6 },
    ]);

    // Nothing changed: nothing written, no audit entry.
    const same = await counted(() =>
      saveEntryForm(db, regionId, 'buzuluk-city', period, { values }, SYSTEM),
    );
    expect(same.statements).toBe(4);
  });

  it('submits with the form read once: municipality, BEGIN and lock, form, row, event, audit, COMMIT', async () => {
    const db = instance.handle.db;
    const period = freshPeriod();
    await saveEntryForm(db, regionId, 'buzuluk-city', period, { values: COMPLETE_MONTH }, SYSTEM);
    const { statements, result } = await counted(() =>
      transitionSubmission(db, regionId, 'buzuluk-city', period, { action: 'submit' }, SYSTEM),
    );
    expect(result.status).toBe('submitted');
    expect(statements).toBe(7);
  });
});
