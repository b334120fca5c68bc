import type { IndicatorNode, Methodology, MethodologyNode } from '../domain/methodology.js';
import { expressionVariables, parseExpression } from './expression.js';
import { ExpressionError } from './expression-error.js';
import type { MethodologyError } from './translate-schema-errors.js';

function checkAscending(
  values: number[],
  pathOf: (i: number) => string,
  errors: MethodologyError[],
  what: string,
): void {
  for (let i = 1; i < values.length; i++) {
    if (!((values[i] as number) > (values[i - 1] as number))) {
      errors.push({ path: pathOf(i), message: `${what} должны строго возрастать` });
    }
  }
}

function checkIndicator(node: IndicatorNode, path: string, errors: MethodologyError[]): void {
  const n = node.normalisation;
  const at = `${path}/normalisation`;
  if (n.method === 'goalposts' && !(n.lo < n.hi)) {
    errors.push({
      path: `${at}/hi`,
      message: 'верхняя граница должна быть больше нижней (lo < hi)',
    });
  }
  if (
    n.method === 'min-max' &&
    n.lower !== undefined &&
    n.upper !== undefined &&
    !(n.lower < n.upper)
  ) {
    errors.push({
      path: `${at}/upper`,
      message: 'верхняя граница шкалы должна быть больше нижней',
    });
  }
  if (n.method === 'fraction-of-max' && node.direction === -1) {
    errors.push({
      path: `${at}/method`,
      message: 'доля от максимума не определена для показателя «чем меньше, тем лучше»',
    });
  }
  if (n.method === 'points') {
    checkAscending(
      n.scoring.thresholds.map((t) => t.value),
      (i) => `${at}/scoring/thresholds/${i}/value`,
      errors,
      'пороги баллов',
    );
  }
}

/** Walks the tree once, collecting codes, indicators and weight-sum errors. */
function walk(
  node: MethodologyNode,
  path: string,
  codes: Map<string, string>,
  indicators: Map<string, { node: IndicatorNode; path: string }>,
  errors: MethodologyError[],
): void {
  const first = codes.get(node.code);
  if (first !== undefined)
    errors.push({
      path: `${path}/code`,
      message: `код «${node.code}» уже используется в ${first}`,
    });
  else codes.set(node.code, path);
  if (node.kind === 'indicator') {
    indicators.set(node.code, { node, path });
    checkIndicator(node, path, errors);
    return;
  }
  if (!(node.children.reduce((s, c) => s + c.weight, 0) > 0)) {
    errors.push({
      path: `${path}/children`,
      message: 'сумма весов дочерних узлов должна быть положительной',
    });
  }
  node.children.forEach((child, i) => {
    walk(child, `${path}/children/${i}`, codes, indicators, errors);
  });
}

/**
 * Rules of a methodology beyond its JSON shape. Formulas may read raw indicators and
 * reference values, not other derived indicators (keeps evaluation order trivial).
 *
 * @example checkMethodologyRules(methodology) // [] when consistent
 */
export function checkMethodologyRules(m: Methodology): MethodologyError[] {
  const errors: MethodologyError[] = [];
  const indicators = new Map<string, { node: IndicatorNode; path: string }>();
  walk(m.tree, '/tree', new Map(), indicators, errors);
  checkAscending(
    m.colourThresholds.map((t) => t.from),
    (i) => `/colourThresholds/${i}/from`,
    errors,
    'границы цветовой шкалы',
  );
  const bands = m.grouping?.bands ?? [];
  checkAscending(
    bands.map((b) => b.from),
    (i) => `/grouping/bands/${i}/from`,
    errors,
    'нижние границы групп',
  );
  // A unit's group is named by its label: two bands of one name would be one group.
  bands.forEach((band, i) => {
    const first = bands.findIndex((b) => b.label === band.label);
    if (first < i)
      errors.push({
        path: `/grouping/bands/${i}/label`,
        message: `группа «${band.label}» уже названа в /grouping/bands/${first}`,
      });
  });
  for (const { node, path } of indicators.values()) {
    if (node.formula === undefined) continue;
    try {
      for (const name of expressionVariables(parseExpression(node.formula))) {
        const target = indicators.get(name)?.node;
        if (target?.formula !== undefined) {
          const message =
            name === node.code
              ? 'формула не может ссылаться на сам показатель'
              : `формула не может ссылаться на другой производный показатель «${name}»`;
          errors.push({ path: `${path}/formula`, message });
        }
      }
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      errors.push({ path: `${path}/formula`, message: e.message });
    }
  }
  return errors;
}
