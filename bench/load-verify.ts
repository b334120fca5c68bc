// After the load: what the database holds, checked against what the officials sent. Each
// check returns the problems it found, in Russian; none means the verdict holds.
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema/index.js';
import { INDICATORS, indicatorCode, municipalityCode, PERIOD } from './load-seed.js';

/** This period's values by `municipality code/indicator code`, with how often each is stored. */
async function storedValues(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('observation as o')
    .innerJoin('municipality as m', 'm.id', 'o.municipality_id')
    .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
    .select(['m.code as m', 'i.code as i', 'o.value', 'o.revision'])
    .where('o.period', '=', PERIOD)
    .execute();
  const byKey = new Map<string, { values: (number | null)[]; revision: number }>();
  for (const r of rows) {
    const key = `${r.m}/${r.i}`;
    const found = byKey.get(key) ?? { values: [], revision: r.revision };
    found.values.push(r.value);
    byKey.set(key, found);
  }
  return { rows: rows.length, byKey };
}

async function countAudit(db: Kysely<Database>, action: string) {
  const rows = await db
    .selectFrom('audit_event')
    .select(['entity_id'])
    .where('action', '=', action)
    .where('outcome', '=', 'allowed')
    .execute();
  return { total: rows.length, distinct: new Set(rows.map((r) => r.entity_id)).size };
}

async function countRevisions(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('observation_revision as r')
    .innerJoin('observation as o', 'o.id', 'r.observation_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.period', '=', PERIOD)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every value stored once with the value last acknowledged (`expected(m, i)`), nobody else's. */
async function checkValues(
  db: Kysely<Database>,
  municipalities: number[],
  expected: (m: number, i: number) => number,
  revision: (m: number) => number,
): Promise<string[]> {
  const problems: string[] = [];
  const { rows, byKey } = await storedValues(db);
  const want = municipalities.length * INDICATORS;
  if (rows !== want) problems.push(`значений за ${PERIOD}: ${rows}, ожидалось ${want}`);
  let wrong = 0;
  for (const m of municipalities)
    for (let i = 0; i < INDICATORS; i += 1) {
      const found = byKey.get(`${municipalityCode(m)}/${indicatorCode(i)}`);
      if (
        found?.values.length !== 1 ||
        found.values[0] !== expected(m, i) ||
        found.revision !== revision(m)
      )
        wrong += 1;
    }
  if (wrong > 0) problems.push(`значений потеряно, задвоено или не тех: ${wrong}`);
  return problems;
}

/**
 * The burst: the first `officials` municipalities' values stored once each (revision 1), each
 * form submitted once, and the audit trail has one save, one submission and one login apiece.
 */
export async function verifyBurst(
  db: Kysely<Database>,
  officials: number,
  expected: (m: number, i: number) => number,
): Promise<string[]> {
  const all = Array.from({ length: officials }, (_, m) => m);
  const problems = await checkValues(db, all, expected, () => 1);
  const revisions = await countRevisions(db);
  if (revisions !== officials * INDICATORS)
    problems.push(`ревизий значений: ${revisions}, ожидалось ${officials * INDICATORS}`);
  const submissions = await db
    .selectFrom('submission')
    .select(['status'])
    .where('period', '=', PERIOD)
    .execute();
  const submitted = submissions.filter((s) => s.status === 'submitted').length;
  if (submissions.length !== officials || submitted !== officials)
    problems.push(
      `форм за ${PERIOD}: ${submissions.length}, из них отправлено ${submitted}; ожидалось ${officials}`,
    );
  const events = await db
    .selectFrom('submission_event as e')
    .innerJoin('submission as s', 's.id', 'e.submission_id')
    .select(['e.to_status'])
    .where('s.period', '=', PERIOD)
    .execute();
  if (events.length !== officials || events.some((e) => e.to_status !== 'submitted'))
    problems.push(`переходов формы: ${events.length}, ожидалось ${officials} «отправлено»`);
  for (const action of ['observation.update', 'submission.submit', 'auth.login']) {
    const audit = await countAudit(db, action);
    if (audit.total !== officials || audit.distinct !== officials)
      problems.push(
        `журнал аудита «${action}»: записей ${audit.total}, разных объектов ${audit.distinct}; ожидалось ${officials}`,
      );
  }
  return problems;
}

/**
 * The soak: `saves[m]` acknowledged saves of municipality m's draft, each changing every
 * value; the last acknowledged values stored, one revision and one audit entry per save.
 */
export async function verifySoak(
  db: Kysely<Database>,
  saves: number[],
  expected: (m: number, i: number) => number,
): Promise<string[]> {
  const saved = saves.flatMap((n, m) => (n > 0 ? [m] : []));
  const problems = await checkValues(db, saved, expected, (m) => saves[m] as number);
  const total = saves.reduce((a, b) => a + b, 0);
  const revisions = await countRevisions(db);
  if (revisions !== total * INDICATORS)
    problems.push(`ревизий значений: ${revisions}, ожидалось ${total * INDICATORS}`);
  const audit = await countAudit(db, 'observation.update');
  if (audit.total !== total)
    problems.push(`журнал аудита «observation.update»: ${audit.total}, ожидалось ${total}`);
  return problems;
}
