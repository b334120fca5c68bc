import type { Kysely } from 'kysely';
import { listIndicatorPassports } from '../../../db/repositories/entry-observation-repository.js';
import { listMunicipalities } from '../../../db/repositories/municipality-repository.js';
import {
  countCurrentValues,
  listCurrentValues,
  type ValueFilter,
} from '../../../db/repositories/value-browser-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ValuePage, ValueQuery } from '../../../domain/value-browser.js';
import { NotFoundError } from '../../http-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize, isAllowed, requireSignedIn } from '../access/authorize.js';
import { provenanceOf } from '../imports/revision-service.js';
import { ancestorsOf } from '../registry/lineage.js';
import { municipalityByCode } from '../registry/municipality-refs.js';

const DEFAULT_PAGE_SIZE = 50;

/**
 * Which municipalities `context` may browse: one named municipality (checked), every one for
 * the department and viewers, or an official's own. Nothing readable is a 403.
 */
async function reachOf(
  db: Kysely<Database>,
  regionId: number,
  query: ValueQuery,
  context: AuditContext,
): Promise<number[] | null> {
  const { actor } = context;
  const code = query.municipality;
  if (code !== undefined) {
    const municipality = await municipalityByCode(db, regionId, code);
    authorize(actor, 'municipality-data.read', {
      municipalityId: municipality.id,
      entityType: 'observation',
      entityId: code,
    });
    if (!query.withPredecessors) return [municipality.id];
    // The units merged into it are its own territory's past: whoever reads it reads them.
    const units = await listMunicipalities(db, regionId);
    return [municipality.id, ...ancestorsOf(units, municipality.id).map((a) => a.unit.id)];
  }
  if (isAllowed(actor, 'municipality-data.read')) return null;
  const own = actor.kind === 'user' ? actor.municipalityIds : [];
  if (own.length === 0) authorize(actor, 'municipality-data.read', { entityType: 'observation' });
  return own;
}

/**
 * The values browser: current values filtered by municipality, indicator and period (a
 * prefix: `2017` finds every period of 2017), a page at a time. Officials see only their own
 * municipalities. The history of a value comes from `listRevisions` (`/api/observations/:id/revisions`).
 */
export async function browseValues(
  db: Kysely<Database>,
  regionId: number,
  query: ValueQuery,
  context: AuditContext,
): Promise<ValuePage> {
  requireSignedIn(context.actor, 'municipality-data.read');
  const municipalityIds = await reachOf(db, regionId, query, context);
  let indicatorId: number | null = null;
  if (query.indicator !== undefined) {
    const indicator = (await listIndicatorPassports(db, regionId)).find(
      (i) => i.code === query.indicator,
    );
    if (!indicator) throw new NotFoundError(`Показатель «${query.indicator}» не найден`);
    indicatorId = indicator.id;
  }
  const filter: ValueFilter = {
    regionId,
    municipalityIds,
    indicatorId,
    periodPrefix: query.period ?? null,
  };
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const total = await countCurrentValues(db, filter);
  const rows = await listCurrentValues(db, filter, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    total,
    page,
    pageSize,
    rows: rows.map((r) => {
      const { source, author, at } = provenanceOf({
        source: r.source,
        author: r.author,
        at: r.recorded_at,
        batch: {
          id: r.batch_id,
          fileName: r.batch_file_name,
          sourceSystem: r.batch_source_system,
          author: r.batch_author,
          importedAt: r.batch_imported_at,
        },
      });
      return {
        observationId: r.id,
        municipality: {
          id: r.municipality_id,
          code: r.municipality_code,
          name: r.municipality_name,
          kind: r.municipality_kind,
        },
        indicator: {
          code: r.indicator_code,
          name: r.indicator_name,
          unit: r.indicator_unit,
          decimals: Number(r.indicator_decimals),
        },
        period: r.period,
        value: r.value === null ? null : Number(r.value),
        source,
        author,
        recordedAt: at,
        revision: Number(r.revision),
      };
    }),
  };
}
