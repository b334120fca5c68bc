import type { IndicatorNode, Methodology, MethodologyNode } from './methodology.js';

/** iMeta's columns: COINr's own, then munirank's, which let the file come back unchanged. */
export const IMETA_COLUMNS = [
  'iCode',
  'iName',
  'Level',
  'Parent',
  'Direction',
  'Weight',
  'Type',
  'Unit',
  'Target',
  'munirank_normalisation',
  'munirank_aggregation',
  'munirank_treatment',
  'munirank_formula',
  'munirank_passport',
  'munirank_passthrough',
  'munirank_settings',
] as const;

export type IMetaOut = Record<(typeof IMETA_COLUMNS)[number], string | number | null>;

const height = (node: MethodologyNode): number =>
  node.kind === 'indicator' ? 1 : 1 + Math.max(...node.children.map(height));

const blank = (): IMetaOut => Object.fromEntries(IMETA_COLUMNS.map((c) => [c, null])) as IMetaOut;

/**
 * COINr's `iMeta` for a methodology: one row per indicator (Level 1) and per aggregate (its
 * level counted from the indicators up), with Parent, Weight as written, Direction, iName,
 * Unit and, for distance-to-target, Target. COINr needs every child one level below its
 * parent, so an indicator or group that sits higher up is wrapped in single-child aggregates
 * (`munirank_passthrough` TRUE: an arithmetic mean of one value is that value). Reference
 * values the formulas or the grouping read are Denominator rows. munirank's own settings go in
 * `munirank_*` columns, so that `methodologyFromIMeta` gives the methodology back.
 *
 * @example iMetaFromMethodology(m).find((r) => r.Type === 'Indicator')?.Level // 1
 */
export function iMetaFromMethodology(
  m: Methodology,
  references: readonly string[] = [],
): IMetaOut[] {
  const indicators: IMetaOut[] = [];
  const aggregates: IMetaOut[] = [];
  const visit = (node: MethodologyNode, parent: string | null, level: number, weight: number) => {
    const row = blank();
    row.iCode = node.code;
    row.iName = node.name;
    row.Level = level;
    row.Parent = parent;
    row.Weight = weight;
    row.Direction = node.kind === 'indicator' ? node.direction : 1;
    if (node.kind === 'indicator') {
      row.Type = 'Indicator';
      row.Unit = node.passport?.unit ?? null;
      if (node.normalisation.method === 'distance-to-target')
        row.Target = node.normalisation.target;
      row.munirank_normalisation = JSON.stringify(node.normalisation);
      if (node.treatment) row.munirank_treatment = JSON.stringify(node.treatment);
      if (node.formula) row.munirank_formula = node.formula;
      if (node.passport) row.munirank_passport = JSON.stringify(node.passport);
      indicators.push(row);
      return;
    }
    row.Type = 'Aggregate';
    row.munirank_aggregation = JSON.stringify(node.aggregation);
    if (parent === null) {
      const { tree: _tree, ...settings } = m;
      row.munirank_settings = JSON.stringify(settings);
    }
    aggregates.push(row);
    for (const child of node.children) {
      // Single-child levels between this node (level) and a child that is lower than level − 1.
      let above = node.code;
      for (let l = level - 1; l > height(child); l -= 1) {
        const pass = blank();
        Object.assign(pass, {
          iCode: `${child.code}_L${l}`,
          iName: child.name,
          Level: l,
          Parent: above,
          Direction: 1,
          Weight: above === node.code ? child.weight : 1,
          Type: 'Aggregate',
          munirank_aggregation: JSON.stringify('arithmetic'),
          munirank_passthrough: 'TRUE',
        });
        aggregates.push(pass);
        above = pass.iCode as string;
      }
      visit(child, above, height(child), above === node.code ? child.weight : 1);
    }
  };
  visit(m.tree, null, height(m.tree), 1);
  const denominators = references.map((code) => {
    const row = blank();
    row.iCode = code;
    row.iName = code;
    row.Type = 'Denominator';
    return row;
  });
  return [
    ...indicators,
    ...aggregates.sort((a, b) => Number(a.Level) - Number(b.Level)),
    ...denominators,
  ];
}

const NORMALISATIONS: Record<
  IndicatorNode['normalisation']['method'],
  (n: never, s: number) => string
> = {
  'min-max': (n: { lower?: number; upper?: number }, s) =>
    `n_minmax, l_u = c(${n.lower ?? 0}, ${n.upper ?? s})`,
  goalposts: (n: { lo: number; hi: number; scale?: number }, s) =>
    `n_goalposts, gposts = c(${n.lo}, ${n.hi}, ${n.scale ?? s})`,
  'distance-to-target': (n: { capAtTarget?: boolean }) =>
    `n_dist2targ (цели — графа Target${n.capAtTarget ? ', cap_max = TRUE' : ''}; munirank умножает на шкалу)`,
  'fraction-of-max': () => 'n_fracmax (munirank умножает на шкалу)',
  'z-score': (n: { mean?: number; sd?: number }) =>
    `n_zscore, m_sd = c(${n.mean ?? 0}, ${n.sd ?? 1})`,
  rank: () => 'n_rank',
  'percentile-rank': () => 'n_prank (munirank умножает на шкалу)',
  points: () => 'соответствия в COINr нет (баллы по порогам)',
};

const AGGREGATIONS: Record<string, string> = {
  arithmetic: 'a_amean',
  geometric: 'a_gmean',
  harmonic: 'a_hmean',
  sum: 'соответствия в COINr нет (сумма без нормировки весов)',
};

const IMPUTATIONS: Record<Methodology['missingData']['imputation'], string> = {
  none: 'не восстанавливать',
  mean: 'Impute(coin, dset = "Raw", f_i = "i_mean")',
  'group-mean': 'Impute(coin, dset = "Raw", f_i = "i_mean_grp", use_group = "<графа *_group>")',
  'last-observation': 'в одном coin соответствия нет (в purse — по прошлым периодам)',
};

function indicatorList(node: MethodologyNode): IndicatorNode[] {
  return node.kind === 'indicator' ? [node] : node.children.flatMap(indicatorList);
}

/**
 * The rest of the methodology, which iMeta has no columns for, as an R script of comments
 * and the calls that rebuild the index in COINr from iData.csv and this iMeta.
 */
export function coinrScript(m: Methodology, iMetaFile: string): string {
  const s = m.outputScale;
  const indicators = indicatorList(m.tree);
  const normalisations = indicators.map(
    (i) => `#   ${i.code}: ${NORMALISATIONS[i.normalisation.method](i.normalisation as never, s)}`,
  );
  const groups: string[] = [];
  const walk = (n: MethodologyNode) => {
    if (n.kind === 'group') {
      groups.push(`#   ${n.code}: ${AGGREGATIONS[n.aggregation]}`);
      n.children.forEach(walk);
    }
  };
  walk(m.tree);
  const treated = indicators.filter((i) => i.treatment).map((i) => i.code);
  const formulas = indicators.filter((i) => i.formula).map((i) => `#   ${i.code} = ${i.formula}`);
  return [
    `# «${m.title}» (${m.code}, версия ${m.version}), выгружено munirank.`,
    `# Шкала баллов 0…${s}; равные места: ${m.tieRule === 'dense' ? 'плотные (1223)' : 'спортивные (1224)'}.`,
    `# Пропуски: ${IMPUTATIONS[m.missingData.imputation]}; узел без балла, если данных меньше ${m.missingData.minAvailability} ` +
      `(по ${m.missingData.availabilityBasis === 'weight' ? 'весу' : 'числу детей'}; в COINr — dat_thresh в Aggregate).`,
    m.screening
      ? `# Отбор ОМСУ: Screen(coin, dset = "Raw", unit_screen = "byNA", dat_thresh = ${m.screening.minAvailability})` +
        (m.screening.scope === 'each-dimension'
          ? ' — munirank проверяет каждое направление отдельно.'
          : '.')
      : '# Отбора ОМСУ по наличию данных нет.',
    treated.length > 0
      ? `# Выбросы (винсоризация, затем логарифм): Treat(coin, dset = "Raw") для ${treated.join(', ')}.`
      : '# Обработки выбросов нет.',
    '# Нормировка по показателям (Normalise, indiv_specs):',
    ...normalisations,
    '# Агрегирование по группам (Aggregate, f_ag):',
    ...groups,
    ...(formulas.length > 0
      ? ['# Производные показатели: посчитайте графы в iData до new_coin:', ...formulas]
      : []),
    '',
    'library(COINr)',
    'iData <- read.csv("iData.csv")',
    `iMeta <- read.csv("${iMetaFile}")`,
    'iMeta <- iMeta[, !startsWith(names(iMeta), "munirank_")]',
    'coin <- new_coin(iData, iMeta)',
    '',
  ].join('\n');
}
