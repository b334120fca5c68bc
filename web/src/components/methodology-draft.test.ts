import { describe, expect, it } from 'vitest';
import {
  type Draft,
  groupNodeOf,
  groupPathsOf,
  indicatorCodesOf,
  indicatorNodeOf,
  isRemovable,
  parentPathOf,
  problemIdOf,
  shiftsOf,
  withChildAdded,
  withNodeMoved,
  withNodeRemoved,
  withNodeShifted,
} from './methodology-draft.js';

const leaf = (code: string) => ({ kind: 'indicator', code, name: code, weight: 1 });

// Index → [esia_new, СЭД → [sed_signed_share]].
const draft: Draft = {
  title: 'Проба',
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    children: [
      leaf('esia_new'),
      { kind: 'group', code: 'SED', name: 'СЭД', children: [leaf('sed_signed_share')] },
    ],
  },
};
const codesUnder = (d: Draft, path = '/tree') => {
  const segments = path.split('/').slice(2);
  let node = d.tree as { children: { code: string }[] };
  for (let i = 1; i < segments.length; i += 2)
    node = node.children[Number(segments[i])] as unknown as typeof node;
  return node.children.map((c) => c.code);
};

describe('methodology draft edits', () => {
  it('lists indicator codes, groups and parents of the tree', () => {
    expect(indicatorCodesOf(draft.tree)).toEqual(['esia_new', 'sed_signed_share']);
    expect(groupPathsOf(draft.tree)).toEqual([
      ['/tree', 'Индекс'],
      ['/tree/children/1', 'СЭД'],
    ]);
    expect(parentPathOf('/tree/children/1/children/0')).toBe('/tree/children/1');
    expect(parentPathOf('/tree')).toBeNull();
    expect(problemIdOf('/tree/children/0/weight')).toBe('problem-tree-children-0-weight');
  });

  it('adds a registry indicator and a new dimension without touching the original', () => {
    const added = withChildAdded(
      draft,
      '/tree/children/1',
      indicatorNodeOf({
        code: 'pos_level',
        name: 'ПОС',
        unit: '%',
        periodicity: 'annual',
        direction: 'higher_better',
        formula: null,
      }),
    );
    expect(codesUnder(added, '/tree/children/1')).toEqual(['sed_signed_share', 'pos_level']);
    expect(
      (added.tree as { children: { children: unknown[] }[] }).children[1]?.children[1],
    ).toEqual({
      kind: 'indicator',
      code: 'pos_level',
      name: 'ПОС',
      weight: 1,
      direction: 1,
      normalisation: { method: 'min-max' },
      passport: { unit: '%', periodicity: 'annual' },
    });
    expect(codesUnder(draft, '/tree/children/1')).toEqual(['sed_signed_share']);
    // A derived, lower-is-better one keeps its formula and direction −1; a periodicity the
    // format does not know leaves the passport out.
    expect(
      indicatorNodeOf({
        code: 'late_per_1000',
        name: 'Просрочки на 1000 жителей',
        unit: 'ед.',
        periodicity: 'weekly',
        direction: 'lower_better',
        formula: 'late / population * 1000',
      }),
    ).toEqual({
      kind: 'indicator',
      code: 'late_per_1000',
      name: 'Просрочки на 1000 жителей',
      weight: 1,
      direction: -1,
      normalisation: { method: 'min-max' },
      formula: 'late / population * 1000',
    });
    const grouped = withChildAdded(draft, '/tree', groupNodeOf('POS', 'ПОС'));
    expect(codesUnder(grouped)).toEqual(['esia_new', 'SED', 'POS']);
    expect(groupPathsOf(grouped.tree).map(([p]) => p)).toEqual([
      '/tree',
      '/tree/children/1',
      '/tree/children/2',
    ]);
  });

  it('removes a node with its children but never the root or its only child', () => {
    expect(isRemovable(draft, '/tree')).toBe(false);
    expect(isRemovable(draft, '/tree/children/0')).toBe(true);
    const withoutSed = withNodeRemoved(draft, '/tree/children/1');
    expect(codesUnder(withoutSed)).toEqual(['esia_new']);
    expect(indicatorCodesOf(withoutSed.tree)).toEqual(['esia_new']);
    expect(isRemovable(withoutSed, '/tree/children/0')).toBe(false);
    expect(withNodeRemoved(withoutSed, '/tree/children/0')).toBe(withoutSed);
    // A dimension's only child may go: the server then names the empty dimension.
    expect(isRemovable(draft, '/tree/children/1/children/0')).toBe(true);
    expect(
      codesUnder(withNodeRemoved(draft, '/tree/children/1/children/0'), '/tree/children/1'),
    ).toEqual([]);
  });

  it('moves an indicator to another group, refusing its own parent, its subtree and the last child', () => {
    const down = withNodeMoved(draft, '/tree/children/0', '/tree/children/1');
    expect(codesUnder(down)).toEqual(['SED']);
    expect(codesUnder(down, '/tree/children/0')).toEqual(['sed_signed_share', 'esia_new']);
    const up = withNodeMoved(draft, '/tree/children/1/children/0', '/tree');
    expect(codesUnder(up)).toEqual(['esia_new', 'SED', 'sed_signed_share']);
    expect(codesUnder(up, '/tree/children/1')).toEqual([]);
    expect(withNodeMoved(draft, '/tree/children/1/children/0', '/tree/children/1')).toBe(draft);
    expect(withNodeMoved(draft, '/tree/children/1', '/tree/children/1')).toBe(draft);
    expect(withNodeMoved(draft, '/tree/children/0', '/tree/children/0')).toBe(draft);
    expect(withNodeMoved(down, '/tree/children/0', '/tree')).toBe(down);
  });

  it('moves a node up or down within its parent, never past either end', () => {
    expect(shiftsOf(draft, '/tree/children/0')).toEqual([false, true]);
    expect(shiftsOf(draft, '/tree/children/1')).toEqual([true, false]);
    expect(shiftsOf(draft, '/tree/children/1/children/0')).toEqual([false, false]);
    expect(shiftsOf(draft, '/tree')).toEqual([false, false]);
    const down = withNodeShifted(draft, '/tree/children/0', 1);
    expect(codesUnder(down)).toEqual(['SED', 'esia_new']);
    // the moved group keeps its own children
    expect(codesUnder(down, '/tree/children/0')).toEqual(['sed_signed_share']);
    expect(codesUnder(withNodeShifted(down, '/tree/children/1', -1))).toEqual(['esia_new', 'SED']);
    expect(codesUnder(draft)).toEqual(['esia_new', 'SED']);
    expect(withNodeShifted(draft, '/tree/children/0', -1)).toBe(draft);
    expect(withNodeShifted(draft, '/tree/children/1', 1)).toBe(draft);
    expect(withNodeShifted(draft, '/tree', 1)).toBe(draft);
  });
});
