import type { Kysely } from 'kysely';
import { listIndicators } from '../../../db/repositories/indicator-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Methodology } from '../../../domain/methodology.js';
import { unitExplanationOf } from '../../../engine/rating-computation.js';
import { NotFoundError } from '../../http-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { loadMunicipalityRefs } from '../registry/municipality-refs.js';
import { indicatorNodes } from './build-snapshot-content.js';
import type { UnitExplanationView } from './rating-schemas.js';
import { findVisibleSnapshot } from './rating-service.js';
import { readSnapshotContent } from './stored-snapshot-content.js';

/**
 * One unit's explanation as the snapshot stored it when it was computed (nothing is
 * recomputed; a snapshot stores them as objects or, since decision 0160, as columns): each indicator's contribution, strengths and weaknesses, and the change in
 * each indicator alone that would overtake the unit above.
 *
 * A published snapshot's explanations are public: its download already carries every input
 * and intermediate score they are made of. Drafts (`includeUnpublished`) are the department's.
 */
export async function explainStoredUnit(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  municipalityCode: string,
  context: AuditContext,
  options: { includeUnpublished: boolean },
): Promise<UnitExplanationView> {
  const entity = { entityType: 'rating_snapshot', entityId: code };
  authorize(
    context.actor,
    options.includeUnpublished ? 'rating.compute' : 'published.read',
    entity,
  );
  const row = await findVisibleSnapshot(db, regionId, code, options);
  const computation = readSnapshotContent(row.content).computation;
  const explained = computation?.explanations;
  if (!computation || !explained || (Array.isArray(explained) && explained.length === 0))
    throw new NotFoundError(
      `Снимок «${code}» взят из документа, а не рассчитан munirank: объяснений в нём нет`,
    );
  const at = computation.inputs.units.findIndex((u) => u.code === municipalityCode);
  const explanation = unitExplanationOf(computation, at);
  const unit = computation.units[at];
  if (at < 0 || !explanation || !unit)
    throw new NotFoundError(`В снимке «${code}» нет ОМСУ «${municipalityCode}»`);

  const methodology = computation.methodology as Methodology;
  // A value is shown as the registry prints its indicator (88,0 %, not 88,00 %).
  const decimals = new Map(
    (await listIndicators(db, regionId)).map((i) => [i.code, i.decimals] as const),
  );
  const passports = new Map(
    indicatorNodes(methodology.tree).map((n) => [
      n.code,
      {
        indicator: n.code,
        name: n.name,
        unit: n.passport?.unit ?? null,
        decimals: decimals.get(n.code) ?? null,
      },
    ]),
  );
  const ref = (indicator: string) =>
    passports.get(indicator) ?? { indicator, name: indicator, unit: null, decimals: null };
  const raw = new Map(computation.indicators.map((ind) => [ind.code, ind.raw[at] ?? null]));
  const { byCode } = await loadMunicipalityRefs(db, regionId);
  const municipality = byCode.get(municipalityCode);
  if (!municipality) throw new NotFoundError(`ОМСУ «${municipalityCode}» нет в реестре`);
  return {
    snapshotCode: code,
    municipality,
    place: unit.rank,
    score: unit.score,
    outputScale: methodology.outputScale,
    overtakes: explanation.overtakes === null ? null : (byCode.get(explanation.overtakes) ?? null),
    contributions: explanation.contributions.map((c) => ({
      ...ref(c.indicator),
      value: raw.get(c.indicator) ?? null,
      score: c.score,
      effectiveWeight: c.effectiveWeight,
      contribution: c.contribution,
    })),
    strengths: explanation.strengths.map(ref),
    weaknesses: explanation.weaknesses.map(ref),
    improvements: explanation.improvements.map((i) => ({ ...ref(i.indicator), ...i })),
    unreachable: explanation.unreachable.map(ref),
    reasons: unit.reasons,
  };
}
