import type { IndicatorNode, Methodology } from '../domain/methodology.js';
import { type Column, toColumn } from './column.js';
import { evaluateExpressionColumn } from './evaluate-expression.js';
import { parseExpression } from './expression.js';
import {
  type ImputedColumn,
  imputeGroupMean,
  imputeLastObservation,
  imputeMean,
} from './impute.js';
import { normaliseColumn } from './normalise.js';
import { type OutlierReport, treatOutliers } from './treat-outliers.js';

/** Every stage of one indicator, columns aligned with the rating's units (NaN = missing). */
export interface IndicatorResult {
  code: string;
  name: string;
  raw: Column;
  /** 1 where the raw value was missing and filled by the imputation rule. */
  imputed: Uint8Array;
  /** Raw values after imputation, before outlier treatment. */
  filled: Column;
  treated: Column;
  normalised: Column;
  /** Smallest and largest direction-adjusted treated value, where the normalisation found them. */
  extremes: { min: number; max: number } | null;
  treatment: OutlierReport | null;
  /** Why the normalisation left values missing or unusual (constant column…). */
  note: string | null;
  /** Units whose derived value is undefined (division by zero, unknown name). */
  problems: { row: number; reason: string }[];
}

/** Inputs shared by all indicators: columns by name and earlier periods, already aligned. */
export interface IndicatorInputs {
  rowCount: number;
  columns: Readonly<Record<string, Column>>;
  groups: ReadonlyArray<string | null | undefined>;
  history: ReadonlyArray<Readonly<Record<string, Column>>>;
  /** All zeros, rowCount long: every indicator's `imputed` when nothing is imputed, shared. */
  unimputed?: Uint8Array;
  /** 1 for units the screening left out: missing from imputation on, counted nowhere. */
  screened?: Uint8Array;
}

/** A copy of the column with the screened units' values missing. */
function withoutScreened(column: Column, screened: Uint8Array): Column {
  const out = column.slice();
  for (let i = 0; i < out.length; i += 1) if (screened[i] === 1) out[i] = Number.NaN;
  return out;
}

function impute(raw: Column, code: string, m: Methodology, inputs: IndicatorInputs): ImputedColumn {
  switch (m.missingData.imputation) {
    case 'none':
      return { values: raw, imputed: inputs.unimputed ?? new Uint8Array(raw.length) };
    case 'mean':
      return imputeMean(raw);
    case 'group-mean':
      return imputeGroupMean(raw, inputs.groups);
    case 'last-observation':
      return imputeLastObservation(
        raw,
        inputs.history.map((period) => period[code] ?? toColumn(new Array(raw.length).fill(null))),
      );
  }
}

/**
 * One indicator through the pipeline, in COINr's order: raw (or derived by its formula) →
 * imputed → outlier-treated → normalised.
 *
 * @example computeIndicator(node, methodology, inputs).normalised
 */
export function computeIndicator(
  node: IndicatorNode,
  m: Methodology,
  inputs: IndicatorInputs,
): IndicatorResult {
  let raw: Column;
  let problems: IndicatorResult['problems'] = [];
  if (node.formula !== undefined) {
    ({ values: raw, problems } = evaluateExpressionColumn(
      parseExpression(node.formula),
      inputs.columns,
      inputs.rowCount,
    ));
  } else {
    raw = inputs.columns[node.code] ?? new Float64Array(inputs.rowCount).fill(Number.NaN);
  }
  const screened = inputs.screened;
  let { values, imputed } = impute(
    screened ? withoutScreened(raw, screened) : raw,
    node.code,
    m,
    inputs,
  );
  if (screened && imputed !== inputs.unimputed) {
    // Imputation by the last observation reaches screened units too: undo it.
    values = withoutScreened(values, screened);
    imputed = imputed.map((flag, i) => (screened[i] === 1 ? 0 : flag));
  }
  let treated = values;
  let treatment: OutlierReport | null = null;
  if (node.treatment)
    ({ values: treated, report: treatment } = treatOutliers(values, node.treatment));
  const normalised = normaliseColumn(treated, node.direction, node.normalisation, m.outputScale);
  return {
    code: node.code,
    name: node.name,
    raw,
    imputed,
    filled: values,
    treated,
    normalised: normalised.values,
    extremes: normalised.extremes ?? null,
    treatment,
    note: normalised.note,
    problems,
  };
}
