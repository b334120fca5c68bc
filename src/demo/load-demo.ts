import type { Kysely } from 'kysely';
import { contentHash } from '../db/content-hash.js';
import { insertIndicator } from '../db/repositories/indicator-repository.js';
import { storeMethodology } from '../db/repositories/methodology-repository.js';
import { insertAlias, insertMunicipality } from '../db/repositories/municipality-repository.js';
import { insertObservation } from '../db/repositories/observation-repository.js';
import {
  insertPlanReport,
  insertPlanTarget,
  insertPrintedFigure,
} from '../db/repositories/plan-repository.js';
import { insertPlanRule } from '../db/repositories/plan-rule-repository.js';
import { insertReferenceValue } from '../db/repositories/reference-value-repository.js';
import { insertRegion } from '../db/repositories/region-repository.js';
import { findSetting, insertSetting } from '../db/repositories/setting-repository.js';
import { insertPublication, insertSnapshot } from '../db/repositories/snapshot-repository.js';
import type { Database } from '../db/schema/index.js';
import { canonicalJson } from '../domain/canonical-json.js';
import type { RatingSnapshotContent } from '../domain/rating-snapshot.js';
import { formatNumberRu } from '../domain/russian-number-format.js';
import { normaliseName } from '../ingest/normalise-name.js';
import type { DemoDataset } from './demo-dataset.js';

export const DEMO_AUTHOR = 'демо-данные';

export interface LoadDemoOptions {
  onProgress?: (step: string) => void;
  /** Pause after each step; lets a test kill the process while the transaction is open. */
  stepDelayMs?: number;
  /**
   * Load the plan rule and the reference values its targets imply (default). Off for a schema
   * before migration 0030, which tests of older migrations load the demo into.
   */
  planRules?: boolean;
}

export const demoSettingKey = (regionCode: string) => `demo:${regionCode}`;

/**
 * Loads a demo data set in one transaction: either all of it is there afterwards or none of
 * it. Loading again is a no-op (the marker is written in the same transaction).
 */
export async function loadDemo(
  db: Kysely<Database>,
  data: DemoDataset,
  options: LoadDemoOptions = {},
): Promise<'loaded' | 'already-loaded'> {
  return db.transaction().execute(async (trx) => {
    if ((await findSetting(trx, demoSettingKey(data.region.code))) !== null)
      return 'already-loaded';
    const step = async (name: string) => {
      options.onProgress?.(name);
      if (options.stepDelayMs) await new Promise((r) => setTimeout(r, options.stepDelayMs));
    };

    const regionId = await insertRegion(trx, data.region.code, data.region.name);
    const unitIds = new Map<string, number>();
    for (const m of data.municipalities) {
      const id = await insertMunicipality(trx, {
        region_id: regionId,
        code: m.code,
        name: m.name,
        kind: m.kind,
        oktmo: m.oktmo,
        valid_from: m.validFrom,
        valid_to: m.validTo,
        successor_id: null,
      });
      unitIds.set(m.code, id);
      const spellings = new Set(m.aliases.map(normaliseName));
      spellings.delete(normaliseName(m.name));
      for (const alias of m.aliases) {
        if (spellings.delete(normaliseName(alias)))
          await insertAlias(trx, id, alias, normaliseName(alias));
      }
    }
    await step(`муниципальные образования: ${unitIds.size}`);

    const indicatorIds = new Map<string, number>();
    for (const i of data.indicators) {
      indicatorIds.set(
        i.code,
        await insertIndicator(trx, {
          region_id: regionId,
          code: i.code,
          name: i.name,
          unit: i.unit,
          direction: i.direction,
          periodicity: i.periodicity,
          source_system: i.sourceSystem,
          range_min: i.rangeMin,
          range_max: i.rangeMax,
          formula: i.formula,
          decimals: i.decimals,
          description: null,
        }),
      );
    }
    await step(`показатели: ${indicatorIds.size}`);
    const unit = (code: string) => required(unitIds, code, 'ОМСУ');
    const indicator = (code: string) => required(indicatorIds, code, 'показатель');

    for (const s of data.snapshots) {
      for (const row of s.rows) {
        for (const [key, value] of Object.entries(row.values)) {
          if (value === null || !indicatorIds.has(key)) continue;
          await insertObservation(trx, {
            municipalityId: unit(row.municipalityCode),
            indicatorId: indicator(key),
            period: s.observationPeriod,
            value,
            source: s.sourceLabel,
            author: DEMO_AUTHOR,
          });
        }
      }
      const content: RatingSnapshotContent = {
        columns: s.columns,
        rows: s.rows,
        notes: s.note ? [s.note] : [],
      };
      const text = canonicalJson(content);
      const snapshotId = await insertSnapshot(trx, {
        region_id: regionId,
        code: s.code,
        title: s.title,
        period: s.period,
        as_of: s.asOf,
        methodology_id: null,
        source_document: data.documents[s.document] ?? s.document,
        source_table: s.table,
        source_note: s.note,
        content: text,
        content_hash: contentHash(text),
        created_at: new Date().toISOString(),
        supersedes_id: null,
        errata_note: null,
      });
      await insertPublication(trx, snapshotId, DEMO_AUTHOR, 'опубликовано в документе-источнике');
      await step(`рейтинг «${s.code}» — строк: ${s.rows.length}`);
    }

    for (const m of data.methodologies) await storeMethodology(trx, regionId, m);
    await step(`методики: ${data.methodologies.length}`);

    await loadPlanReport(trx, regionId, data, unit, indicator, options.planRules ?? true);
    await step(
      `выполнение плана «${data.planReport.code}» — строк: ${data.planReport.rows.length}`,
    );

    await insertSetting(
      trx,
      demoSettingKey(data.region.code),
      JSON.stringify({ version: data.version }),
    );
    return 'loaded';
  });
}

async function loadPlanReport(
  trx: Kysely<Database>,
  regionId: number,
  data: DemoDataset,
  unit: (code: string) => number,
  indicator: (code: string) => number,
  planRules: boolean,
): Promise<void> {
  const p = data.planReport;
  const source = p.sourceLabel;
  const total = indicator('esia_total');
  const monthly = indicator('esia_new');
  await insertPlanReport(trx, {
    region_id: regionId,
    code: p.code,
    title: p.title,
    year: p.year,
    as_of: p.asOf,
    total_indicator_id: total,
    monthly_indicator_id: monthly,
    months: JSON.stringify(p.months),
    source_document: data.documents[p.document] ?? p.document,
    source_table: p.table,
    source_note: p.note,
  });
  if (planRules)
    await insertPlanRule(trx, {
      region_id: regionId,
      indicator_id: total,
      year: p.year,
      kind: 'share',
      value: p.ruleShare,
      reference_kind: p.ruleReferenceKind,
      monthly_indicator_id: monthly,
      updated_at: new Date().toISOString(),
      updated_by: DEMO_AUTHOR,
    });
  for (const row of p.rows) {
    const municipalityId = unit(row.municipalityCode);
    await insertPlanTarget(trx, {
      municipality_id: municipalityId,
      indicator_id: total,
      year: p.year,
      start_value: row.startOfYear,
      target_value: row.targetYearEnd,
      rule: p.rule,
      source,
      is_illustrative: 0,
      // As the source printed it: the rule computes the target; this one is what it should give.
      ...(planRules ? { set_by_hand: 0 } : {}),
    });
    // The seed gives targets, not the population they came from: the demo carries the value
    // each target implies, marked as derived, so that the 20 % rule gives the targets back.
    if (planRules)
      await insertReferenceValue(trx, {
        municipality_id: municipalityId,
        year: p.year,
        kind: p.ruleReferenceKind,
        value: (row.targetYearEnd * 100) / p.ruleShare,
        is_illustrative: 1,
        source,
        derived_from: `выведено из целевого показателя на конец ${p.year} года в источнике: ${formatNumberRu(row.targetYearEnd, 0)} / ${formatNumberRu(p.ruleShare, 0)} %`,
      });
    for (const [i, month] of p.months.entries()) {
      const value = row.monthly[i] ?? null;
      await insertObservation(trx, {
        municipalityId,
        indicatorId: monthly,
        period: month,
        value,
        source,
        author: DEMO_AUTHOR,
      });
    }
    await insertObservation(trx, {
      municipalityId,
      indicatorId: total,
      period: p.asOf,
      value: row.totalToDate,
      source,
      author: DEMO_AUTHOR,
    });
    await insertReferenceValue(trx, {
      municipality_id: municipalityId,
      year: p.year,
      kind: 'population',
      value: row.population,
      is_illustrative: 0,
      source,
    });
    for (const f of row.printed) {
      await insertPrintedFigure(trx, {
        document_code: p.code,
        municipality_id: municipalityId,
        figure_key: f.key,
        value: f.value,
        decimals: f.decimals,
        source,
      });
    }
  }
}

function required(map: Map<string, number>, code: string, what: string): number {
  const id = map.get(code);
  if (id === undefined) throw new Error(`Демо-данные ссылаются на неизвестный ${what} «${code}»`);
  return id;
}
