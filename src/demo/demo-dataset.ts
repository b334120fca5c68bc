import type { Methodology } from '../domain/methodology.js';
import type { MunicipalityKind } from '../domain/municipality.js';
import type { SnapshotColumn } from '../domain/rating-snapshot.js';

/** The demo data set as read from `demo/<region>/`, parsed and checked, not yet in the database. */
export interface DemoDataset {
  version: number;
  region: { code: string; name: string };
  municipalities: {
    code: string;
    name: string;
    kind: MunicipalityKind;
    oktmo: string | null;
    validFrom: string | null;
    validTo: string | null;
    aliases: string[];
  }[];
  documents: Record<string, string>;
  indicators: {
    code: string;
    name: string;
    unit: string;
    direction: 'higher_better' | 'lower_better';
    periodicity: 'monthly' | 'quarterly' | 'annual' | 'on_date';
    sourceSystem: string | null;
    rangeMin: number | null;
    rangeMax: number | null;
    decimals: number;
    formula: string | null;
  }[];
  snapshots: DemoSnapshot[];
  planReport: DemoPlanReport;
  /** Methodologies stored with the demo, ready to compute with. */
  methodologies: Methodology[];
}

export interface DemoSnapshot {
  code: string;
  title: string;
  period: string;
  asOf: string;
  document: string;
  table: string | null;
  note: string | null;
  columns: SnapshotColumn[];
  rows: {
    place: number | null;
    placeLabel: string;
    municipalityCode: string;
    values: Record<string, number | null>;
  }[];
  /** Period under which the row values are also stored as observations. */
  observationPeriod: string;
  sourceLabel: string;
}

export interface DemoPlanReport {
  code: string;
  title: string;
  year: number;
  asOf: string;
  months: string[];
  document: string;
  table: string;
  note: string;
  rule: string;
  /** The rule's share in percent of `ruleReferenceKind`: the targets' reference values follow from it. */
  ruleShare: number;
  ruleReferenceKind: 'econ_active_14_72';
  sourceLabel: string;
  rows: {
    municipalityCode: string;
    startOfYear: number;
    monthly: number[];
    targetYearEnd: number;
    totalToDate: number;
    population: number;
    printed: { key: string; value: number; decimals: number }[];
  }[];
}
