// The load bench's made-up region, written through the repositories in a few transactions:
// municipalities, monthly indicators, last month's values (so each form shows a previous
// period, as on a real deadline day), a published league table, and officials, each bound
// to one municipality, all sharing one password hash (scrypt stores its salt in the hash, so
// one hash serves every account; hashing 2,000 would take minutes and measure nothing here).
import type { Kysely } from 'kysely';
import { contentHash } from '../src/db/content-hash.js';
import { insertMunicipality } from '../src/db/repositories/municipality-repository.js';
import { insertObservation } from '../src/db/repositories/observation-repository.js';
import { insertRegion } from '../src/db/repositories/region-repository.js';
import { insertPublication, insertSnapshot } from '../src/db/repositories/snapshot-repository.js';
import { insertUser, setUserMunicipalities } from '../src/db/repositories/user-repository.js';
import type { Database } from '../src/db/schema/index.js';
import { canonicalJson } from '../src/domain/canonical-json.js';
import type { RatingSnapshotContent } from '../src/domain/rating-snapshot.js';
import { hashPassword } from '../src/server/features/access/password-hash.js';
import { insertBenchIndicator } from './bench-seed.js';

export const REGION = 'load-bench';
export const PASSWORD = 'load-bench-password-2026';
export const INDICATORS = 8;
/** The month the officials submit; its previous month is seeded. */
export const PERIOD = '2026-11';
export const PREVIOUS = '2026-10';
export const LEAGUE_TABLE = 'load-bench-2026-10';
const AUTHOR = 'бенчмарк нагрузки';

export const municipalityCode = (m: number) => `mo-${m + 1}`;
export const officialName = (o: number) => `official-${o + 1}`;
export const indicatorCode = (i: number) => `ind_${i + 1}`;

/** Last month's value of indicator i in municipality m. */
export const previousValue = (m: number, i: number) => 1000 + ((m * 37 + i * 11) % 500);
/**
 * What an official types this month: last month's plus 1 to 20 (under 2 %, well within the
 * 50 % that would need a comment). `k` varies it between the saves of the soak.
 */
export const enteredValue = (m: number, i: number, k = 0) =>
  previousValue(m, i) + 1 + ((m + i + k) % 20);

export interface SeedCounts {
  municipalities: number;
  officials: number;
}

export async function seedLoadRegion(db: Kysely<Database>, counts: SeedCounts): Promise<void> {
  const now = new Date().toISOString();
  const hash = await hashPassword(PASSWORD);
  await db.transaction().execute(async (trx) => {
    const regionId = await insertRegion(trx, REGION, 'Регион для замера нагрузки');
    const municipalityIds: number[] = [];
    for (let m = 0; m < counts.municipalities; m += 1)
      municipalityIds.push(
        await insertMunicipality(trx, {
          region_id: regionId,
          code: municipalityCode(m),
          name: `Муниципальный округ № ${m + 1}`,
          kind: 'municipal_okrug',
          oktmo: null,
          valid_from: null,
          valid_to: null,
          successor_id: null,
        }),
      );
    const indicatorIds: number[] = [];
    for (let i = 0; i < INDICATORS; i += 1)
      indicatorIds.push(
        await insertBenchIndicator(trx, regionId, {
          code: indicatorCode(i),
          name: `Показатель ${i + 1}`,
          unit: 'ед.',
        }),
      );
    for (const [m, municipalityId] of municipalityIds.entries())
      for (const [i, indicatorId] of indicatorIds.entries())
        await insertObservation(trx, {
          municipalityId,
          indicatorId,
          period: PREVIOUS,
          value: previousValue(m, i),
          source: AUTHOR,
          author: AUTHOR,
        });
    await publishLeagueTable(trx, regionId, counts.municipalities);
    for (let o = 0; o < counts.officials; o += 1) {
      const userId = await insertUser(trx, {
        username: officialName(o),
        display_name: `Представитель ОМСУ № ${o + 1}`,
        role: 'official',
        status: 'active',
        password_hash: hash,
        must_change_password: 0,
        is_demo: 0,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
        last_login_at: null,
      });
      await setUserMunicipalities(trx, userId, [municipalityIds[o] as number]);
    }
  });
}

/** Last month's league table of every municipality, ordered by the first indicator's value. */
async function publishLeagueTable(trx: Kysely<Database>, regionId: number, municipalities: number) {
  const rows = Array.from({ length: municipalities }, (_, m) => ({
    municipalityCode: municipalityCode(m),
    values: { index: previousValue(m, 0) / 15, ind_1: previousValue(m, 0) },
  })).sort((a, b) => b.values.ind_1 - a.values.ind_1);
  // Competition ranking: equal values share the first place of their run.
  const places: number[] = [];
  for (const [k, r] of rows.entries())
    places.push(
      k > 0 && rows[k - 1]?.values.ind_1 === r.values.ind_1 ? (places[k - 1] as number) : k + 1,
    );
  const content: RatingSnapshotContent = {
    columns: [
      { key: 'index', title: 'Индекс', unit: null, decimals: 2 },
      { key: 'ind_1', title: 'Показатель 1', unit: 'ед.', decimals: 0 },
    ],
    rows: rows.map((r, k) => ({ place: places[k] as number, placeLabel: String(places[k]), ...r })),
    notes: [],
  };
  const text = canonicalJson(content);
  const snapshotId = await insertSnapshot(trx, {
    region_id: regionId,
    code: LEAGUE_TABLE,
    title: 'Рейтинг для замера нагрузки, октябрь 2026',
    period: PREVIOUS,
    as_of: '2026-11-01',
    methodology_id: null,
    source_document: AUTHOR,
    source_table: null,
    source_note: null,
    content: text,
    content_hash: contentHash(text),
    created_at: new Date().toISOString(),
    supersedes_id: null,
    errata_note: null,
  });
  await insertPublication(trx, snapshotId, AUTHOR, null);
}
