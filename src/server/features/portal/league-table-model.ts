import type { Kysely } from 'kysely';
import { findSnapshotByCode } from '../../../db/repositories/snapshot-repository.js';
import { findLatestUncertaintyRun } from '../../../db/repositories/uncertainty-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ColourThreshold, Methodology } from '../../../domain/methodology.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import type { RatingSnapshotContent } from '../../../domain/rating-snapshot.js';
import { scoreColour } from '../../../domain/score-colour.js';
import type {
  SnapshotSummaryWithErrata,
  SnapshotViewWithErrata,
} from '../rating/rating-schemas.js';
import { getSnapshot, listSnapshots } from '../rating/rating-service.js';

export interface LeagueRow {
  place: number | null;
  placeLabel: string;
  municipality: MunicipalityRef;
  values: Record<string, number | null>;
  /** Places gained since the previous published snapshot of the series (negative: lost). */
  change: number | null;
  previousPlace: number | null;
  /** The methodology's group of the unit (e.g. a population band), when it has one. */
  group: string | null;
  /** Index into the methodology's colour thresholds, by the unit's index score. */
  tone: number | null;
  /** The 5–95 % band of places from the snapshot's newest uncertainty run, if any. */
  band: { p05: number; median: number; p95: number } | null;
}

/** The uncertainty run behind the bands: how many draws and how much the weights varied. */
export interface LeagueUncertainty {
  draws: number;
  noise: number;
  alternatives: boolean;
  computedAt: string;
}

export interface LeagueTable {
  snapshot: SnapshotViewWithErrata;
  methodology: Pick<Methodology, 'code' | 'version' | 'title'> | null;
  thresholds: ColourThreshold[];
  previous: { code: string; title: string } | null;
  rows: LeagueRow[];
  groups: string[];
  published: SnapshotSummaryWithErrata[];
  uncertainty: LeagueUncertainty | null;
}

interface StoredBand {
  code: string;
  p05: number | null;
  median: number | null;
  p95: number | null;
}

/** The newest uncertainty run of a snapshot, as settings and bands by unit code. */
async function loadBands(db: Kysely<Database>, regionId: number, code: string) {
  const row = await findSnapshotByCode(db, regionId, code);
  const run = row ? await findLatestUncertaintyRun(db, row.id) : null;
  if (!run) return { uncertainty: null, bands: new Map<string, LeagueRow['band']>() };
  const settings = JSON.parse(run.settings_json) as Omit<LeagueUncertainty, 'computedAt'>;
  const bands = new Map<string, LeagueRow['band']>();
  for (const u of JSON.parse(run.units_json) as StoredBand[])
    if (u.p05 !== null && u.median !== null && u.p95 !== null)
      bands.set(u.code, { p05: u.p05, median: u.median, p95: u.p95 });
  return {
    uncertainty: {
      draws: settings.draws,
      noise: settings.noise,
      alternatives: settings.alternatives,
      computedAt: run.computed_at,
    },
    bands,
  };
}

/** Snapshots computed under one methodology, or taken from one source table, form a series. */
export const seriesOf = (s: SnapshotSummaryWithErrata): string =>
  s.methodologyCode ?? `document:${s.source.table ?? s.source.document}`;

/**
 * The snapshot a place change is measured against: the newest current (not corrected)
 * published snapshot of the same series dated before this one.
 */
export function previousInSeries(
  snapshot: SnapshotSummaryWithErrata,
  published: SnapshotSummaryWithErrata[],
): SnapshotSummaryWithErrata | null {
  const series = seriesOf(snapshot);
  return (
    published
      .filter(
        (s) =>
          s.code !== snapshot.code &&
          seriesOf(s) === series &&
          s.asOf < snapshot.asOf &&
          s.correctedBy.length === 0,
      )
      .sort((a, b) => b.asOf.localeCompare(a.asOf))[0] ?? null
  );
}

/** The methodology document a computed snapshot stored, or null for one taken from a document. */
export function storedMethodology(content: RatingSnapshotContent): Methodology | null {
  return (content.computation?.methodology as Methodology | undefined) ?? null;
}

/**
 * A published snapshot's league table as the portal shows it, from the stored snapshots
 * only: places, values, the change against the previous snapshot of the series, the group
 * and the colour band of each unit. Null when no such published snapshot exists.
 */
export async function loadLeagueTable(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  content: RatingSnapshotContent,
): Promise<LeagueTable> {
  const published = await listSnapshots(db, regionId);
  const snapshot = await getSnapshot(db, regionId, code);
  const previous = previousInSeries(snapshot, published);
  const previousPlaces = new Map(
    previous
      ? (await getSnapshot(db, regionId, previous.code)).rows.map(
          (r) => [r.municipality.code, r.place] as const,
        )
      : [],
  );
  const methodology = storedMethodology(content);
  const thresholds = methodology?.colourThresholds ?? [];
  const { uncertainty, bands } = await loadBands(db, regionId, code);
  const groupOf = new Map(content.computation?.inputs.units.map((u) => [u.code, u.group]) ?? []);
  const rows = snapshot.rows.map((r) => {
    const before = previousPlaces.get(r.municipality.code) ?? null;
    const colour = scoreColour(thresholds, r.values.index ?? null);
    return {
      ...r,
      previousPlace: before,
      change: before !== null && r.place !== null ? before - r.place : null,
      group: groupOf.get(r.municipality.code) ?? null,
      tone: colour ? thresholds.indexOf(colour) : null,
      band: bands.get(r.municipality.code) ?? null,
    };
  });
  return {
    snapshot,
    methodology: methodology
      ? { code: methodology.code, version: methodology.version, title: methodology.title }
      : null,
    thresholds,
    previous: previous ? { code: previous.code, title: previous.title } : null,
    rows,
    groups: [...new Set(rows.map((r) => r.group).filter((g): g is string => g !== null))],
    published,
    uncertainty,
  };
}
