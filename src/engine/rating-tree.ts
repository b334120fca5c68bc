import type {
  AggregationMethod,
  IndicatorNode,
  Methodology,
  MethodologyNode,
} from '../domain/methodology.js';

/** A child of a group: an indicator or another group, by its index in tree order. */
export interface ChildRef {
  kind: 'indicator' | 'group';
  index: number;
}

export interface TreeGroup {
  code: string;
  method: AggregationMethod;
  /** Raw child weights, in child order. */
  weights: number[];
  /** Sum of `weights`, added in child order as the aggregation does. */
  totalWeight: number;
  children: ChildRef[];
  /** Index of the parent group, −1 for the index. */
  parent: number;
  /** Position among the parent's children. */
  position: number;
}

/**
 * The methodology tree flattened into arrays in the order `computeRating` visits it: groups
 * in pre-order (`nodes[0]` is the index), indicators depth-first. Explanations and
 * Monte Carlo walk these arrays instead of the nested JSON.
 */
export interface RatingTree {
  groups: TreeGroup[];
  indicators: IndicatorNode[];
  indicatorParent: Int32Array;
  indicatorPosition: Int32Array;
}

/**
 * @example flattenTree(methodology).groups[0]?.code // 'INDEX'
 */
export function flattenTree(m: Methodology): RatingTree {
  const groups: TreeGroup[] = [];
  const indicators: IndicatorNode[] = [];
  const parents: number[] = [];
  const positions: number[] = [];
  const visit = (node: MethodologyNode, parent: number, position: number): ChildRef => {
    if (node.kind === 'indicator') {
      indicators.push(node);
      parents.push(parent);
      positions.push(position);
      return { kind: 'indicator', index: indicators.length - 1 };
    }
    const slot = groups.length;
    let totalWeight = 0;
    for (const c of node.children) totalWeight += c.weight;
    const group: TreeGroup = {
      code: node.code,
      method: node.aggregation,
      weights: node.children.map((c) => c.weight),
      totalWeight,
      children: [],
      parent,
      position,
    };
    groups.push(group);
    group.children = node.children.map((c, p) => visit(c, slot, p));
    return { kind: 'group', index: slot };
  };
  visit(m.tree, -1, 0);
  return {
    groups,
    indicators,
    indicatorParent: Int32Array.from(parents),
    indicatorPosition: Int32Array.from(positions),
  };
}

/** True when every group from the indicator up to the index is a weighted arithmetic mean or a sum. */
export function isLinearPath(tree: RatingTree, indicator: number): boolean {
  for (
    let g = tree.indicatorParent[indicator] as number;
    g >= 0;
    g = (tree.groups[g] as TreeGroup).parent
  ) {
    const method = (tree.groups[g] as TreeGroup).method;
    if (method !== 'arithmetic' && method !== 'sum') return false;
  }
  return true;
}
