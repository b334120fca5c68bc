import type { Kysely } from 'kysely';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Methodology, MethodologyNode } from '../../../domain/methodology.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import type { PlanExecutionReport, PlanExecutionRow } from '../../../domain/plan-execution.js';
import type { RatingSnapshotContent } from '../../../domain/rating-snapshot.js';
import { NotFoundError } from '../../http-errors.js';
import { ANONYMOUS } from '../access/actor.js';
import type { AuditContext } from '../access/audit.js';
import { getPlanReport, listPlanReportSummaries } from '../plans/plan-service.js';
import { explainStoredUnit } from '../rating/explanation-service.js';
import { listPlaceHistory } from '../rating/place-history-service.js';
import type { RatingPlaceHistory, UnitExplanationView } from '../rating/rating-schemas.js';
import { findVisibleSnapshot } from '../rating/rating-service.js';
import { readSnapshotContent } from '../rating/stored-snapshot-content.js';

export interface DimensionScore {
  code: string;
  name: string;
  score: number | null;
  indicators: string[];
}

export interface Profile {
  history: RatingPlaceHistory;
  /** The explanation of the newest published computed snapshot that lists the unit. */
  explanation: (UnitExplanationView & { snapshotTitle: string }) | null;
  dimensions: DimensionScore[];
  outputScale: number;
  plan: {
    report: Pick<PlanExecutionReport, 'code' | 'title' | 'year' | 'asOf'>;
    row: PlanExecutionRow;
  } | null;
  successor: MunicipalityRef | null;
  predecessors: MunicipalityRef[];
}

/** The portal reads as the anonymous public: a page is the same for every visitor. */
export const PUBLIC_CONTEXT: AuditContext = {
  actor: ANONYMOUS,
  ip: null,
  userAgent: null,
  at: new Date(0),
};

const indicatorsUnder = (node: MethodologyNode): string[] =>
  node.kind === 'indicator' ? [node.code] : node.children.flatMap(indicatorsUnder);

/** The dimensions (the index's groups) with this unit's stored score in each. */
function dimensionScores(content: RatingSnapshotContent, unitCode: string): DimensionScore[] {
  const computation = content.computation;
  const methodology = computation?.methodology as Methodology | undefined;
  if (!computation || !methodology || methodology.tree.kind !== 'group') return [];
  const at = computation.inputs.units.findIndex((u) => u.code === unitCode);
  return methodology.tree.children
    .filter((n) => n.kind === 'group')
    .map((n) => ({
      code: n.code,
      name: n.name,
      score: computation.nodes.find((s) => s.code === n.code)?.scores[at] ?? null,
      indicators: indicatorsUnder(n),
    }));
}

async function latestPlanRow(db: Kysely<Database>, regionId: number, code: string) {
  const reports = (await listPlanReportSummaries(db, regionId)).sort((a, b) => b.year - a.year);
  const latest = reports[0];
  if (!latest) return null;
  const report = await getPlanReport(db, regionId, latest.code);
  const row = report.rows.find((r) => r.municipality.code === code);
  return row
    ? {
        report: { code: report.code, title: report.title, year: report.year, asOf: report.asOf },
        row,
      }
    : null;
}

/** Everything a unit's public profile shows, from published snapshots and plan reports. */
export async function loadProfile(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<Profile | null> {
  let history: RatingPlaceHistory;
  try {
    history = await listPlaceHistory(db, regionId, code, PUBLIC_CONTEXT);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  let explanation: Profile['explanation'] = null;
  let dimensions: DimensionScore[] = [];
  let outputScale = 100;
  for (const place of history.places) {
    if (!place.listed) continue;
    const row = await findVisibleSnapshot(db, regionId, place.snapshot.code, {});
    const content = readSnapshotContent(row.content);
    if (!content.computation) continue;
    const view = await explainStoredUnit(db, regionId, row.code, code, PUBLIC_CONTEXT, {
      includeUnpublished: false,
    });
    explanation = { ...view, snapshotTitle: row.title };
    dimensions = dimensionScores(content, code);
    outputScale = view.outputScale;
    break;
  }
  const units = await listMunicipalities(db, regionId);
  const self = units.find((u) => u.code === code);
  const ref = (u: (typeof units)[number]): MunicipalityRef => ({
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
  });
  const successor = units.find((u) => u.id === self?.successor_id);
  return {
    history,
    explanation,
    dimensions,
    outputScale,
    plan: await latestPlanRow(db, regionId, code),
    successor: successor ? ref(successor) : null,
    predecessors: units.filter((u) => self && u.successor_id === self.id).map(ref),
  };
}
