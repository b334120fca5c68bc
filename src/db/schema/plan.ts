import type { Generated } from 'kysely';
import type { ReferenceKind } from './reference-value.js';

/** An annual target: the cumulative value to reach by year end, from a start-of-year value. */
export interface PlanTargetTable {
  id: Generated<number>;
  municipality_id: number;
  indicator_id: number;
  year: number;
  start_value: number | null;
  target_value: number;
  /** How the target was set, e.g. "20 % экономически активного населения 14–72 лет". */
  rule: string | null;
  source: string;
  is_illustrative: number;
  /** 1: set for this municipality (by hand or imported) and wins over a rule; 0: as a source gave it. */
  set_by_hand: Generated<number>;
}

/** How a year's targets of an indicator are computed for every municipality of a region. */
export interface PlanRuleTable {
  id: Generated<number>;
  region_id: number;
  /** The cumulative indicator the target is set on (e.g. ЕСИА registrations to date). */
  indicator_id: number;
  year: number;
  kind: 'share' | 'absolute' | 'growth';
  /** Percent for `share` and `growth`, the cumulative target for `absolute`. */
  value: number;
  /** The reference value a `share` rule is a share of. */
  reference_kind: ReferenceKind | null;
  /** The flow indicator reported per month (e.g. new ЕСИА registrations in the month). */
  monthly_indicator_id: number;
  updated_at: string;
  updated_by: string;
}

/** A plan-execution report: which indicators and months it covers and on what date. */
export interface PlanReportTable {
  id: Generated<number>;
  region_id: number;
  code: string;
  title: string;
  year: number;
  as_of: string;
  /** Cumulative indicator the target is set on (e.g. ЕСИА registrations to date). */
  total_indicator_id: number;
  /** Flow indicator reported per month (e.g. new ЕСИА registrations in the month). */
  monthly_indicator_id: number;
  months: string;
  source_document: string;
  source_table: string | null;
  source_note: string | null;
}

/** A figure exactly as a source document printed it, kept to compare with what we compute. */
export interface PrintedFigureTable {
  id: Generated<number>;
  document_code: string;
  municipality_id: number;
  figure_key: string;
  value: number;
  decimals: number;
  source: string;
}
