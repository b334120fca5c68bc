import { describe, expect, it } from 'vitest';
import type { Methodology } from '../domain/methodology.js';
import { validateMethodology } from './validate-methodology.js';

const sample: Methodology = {
  code: 'digital-2022',
  version: 1,
  title: 'Рейтинг цифрового развития',
  effectiveFrom: '2022',
  outputScale: 1,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.5 },
  colourThresholds: [
    { from: 0, colour: '#c62828', label: 'низкий' },
    { from: 0.5, colour: '#2e7d32', label: 'высокий' },
  ],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children: [
      {
        kind: 'group',
        code: 'EDM',
        name: 'СЭД',
        weight: 1,
        aggregation: 'arithmetic',
        children: [
          {
            kind: 'indicator',
            code: 'SIGNED',
            name: 'Доля документов с ЭП',
            weight: 1,
            direction: 1,
            normalisation: { method: 'min-max' },
          },
          {
            kind: 'indicator',
            code: 'ERRORS',
            name: 'Ошибки',
            weight: 1,
            direction: -1,
            normalisation: { method: 'goalposts', lo: 0, hi: 10 },
          },
        ],
      },
      {
        kind: 'indicator',
        code: 'ESIA',
        name: 'Регистрации в ЕСИА на 1000 жителей',
        weight: 2,
        direction: 1,
        normalisation: { method: 'min-max' },
        formula: 'registrations / population * 1000',
      },
    ],
  },
};

/** A grouping by population with bands given as [from, label]. */
const populationGroups = (...bands: [number, string][]) => ({
  title: 'Группа по численности населения',
  reference: 'population',
  bands: bands.map(([from, label]) => ({ from, label })),
});

/** Sets (or with `undefined`, deletes) the value at a JSON Pointer in a plain JSON copy. */
function edited(edits: [string, unknown][]): unknown {
  const doc: unknown = structuredClone(sample);
  for (const [pointer, value] of edits) {
    const keys = pointer.split('/').slice(1);
    const last = keys.pop() as string;
    let node = doc as Record<string, unknown>;
    for (const k of keys) node = node[k] as Record<string, unknown>;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return doc;
}
const errorsOf = (json: unknown) => {
  const r = validateMethodology(json);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('validateMethodology', () => {
  it('accepts a valid methodology and returns it typed', () => {
    const r = validateMethodology(JSON.parse(JSON.stringify(sample)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.methodology.tree.code).toBe('INDEX');
  });

  it('rejects non-objects', () => {
    expect(errorsOf(42)).toEqual([': методика должна быть JSON-объектом']);
  });

  it.each<{ name: string; edits: [string, unknown][]; want: string | RegExp }>([
    {
      name: 'negative weight',
      edits: [['/tree/children/1/weight', -1]],
      want: '/tree/children/1/weight: вес должен быть неотрицательным числом',
    },
    {
      name: 'weight as text',
      edits: [['/tree/children/0/children/0/weight', '1']],
      want: '/tree/children/0/children/0/weight: вес должен быть неотрицательным числом',
    },
    {
      name: 'zero weight sum',
      edits: [
        ['/tree/children/0/children/0/weight', 0],
        ['/tree/children/0/children/1/weight', 0],
      ],
      want: '/tree/children/0/children: сумма весов дочерних узлов должна быть положительной',
    },
    {
      name: 'a dimension without children',
      edits: [['/tree/children/0/children', []]],
      want: '/tree/children/0/children: в узле нет ни одного показателя: добавьте показатель или удалите узел',
    },
    {
      name: 'duplicate code',
      edits: [['/tree/children/1/code', 'SIGNED']],
      want: '/tree/children/1/code: код «SIGNED» уже используется в /tree/children/0/children/0',
    },
    {
      name: 'goalposts lo ≥ hi',
      edits: [
        ['/tree/children/0/children/1/normalisation', { method: 'goalposts', lo: 10, hi: 10 }],
      ],
      want: '/tree/children/0/children/1/normalisation/hi: верхняя граница должна быть больше нижней (lo < hi)',
    },
    {
      name: 'thresholds not ascending',
      edits: [
        [
          '/tree/children/1/normalisation',
          {
            method: 'points',
            scoring: {
              mode: 'step',
              thresholds: [
                { value: 5, points: 1 },
                { value: 5, points: 2 },
              ],
            },
          },
        ],
      ],
      want: '/tree/children/1/normalisation/scoring/thresholds/1/value: пороги баллов должны строго возрастать',
    },
    {
      name: 'colour thresholds not ascending',
      edits: [['/colourThresholds/1/from', 0]],
      want: '/colourThresholds/1/from: границы цветовой шкалы должны строго возрастать',
    },
    {
      name: 'group bands not ascending',
      edits: [
        [
          '/grouping',
          populationGroups([0, 'до 50 тыс.'], [100_000, 'свыше 100 тыс.'], [50_000, '50–100 тыс.']),
        ],
      ],
      want: '/grouping/bands/2/from: нижние границы групп должны строго возрастать',
    },
    {
      name: 'two groups of one name',
      edits: [['/grouping', populationGroups([0, 'малые'], [50_000, 'малые'])]],
      want: '/grouping/bands/1/label: группа «малые» уже названа в /grouping/bands/0',
    },
    {
      name: 'group without bands',
      edits: [['/grouping', populationGroups()]],
      want: /^\/grouping\/bands: /,
    },
    {
      name: 'unknown method',
      edits: [['/tree/children/1/normalisation', { method: 'softmax' }]],
      want: /^\/tree\/children\/1\/normalisation\/method: неизвестный метод нормировки; допустимы: «min-max»/,
    },
    {
      name: 'bad period',
      edits: [['/effectiveFrom', '2022-13']],
      want: '/effectiveFrom: период должен иметь вид «2022» или «2017-01»',
    },
    {
      name: 'bad scale',
      edits: [['/outputScale', 10]],
      want: '/outputScale: допустимые значения: 1, 100',
    },
    {
      name: 'missing field',
      edits: [['/tree/children/1/direction', undefined]],
      want: '/tree/children/1/direction: обязательное поле отсутствует',
    },
    {
      name: 'unknown field',
      edits: [['/tree/children/1/colour', 'red']],
      want: '/tree/children/1/colour: неизвестное поле',
    },
    {
      name: 'formula syntax',
      edits: [['/tree/children/1/formula', 'registrations / $']],
      want: '/tree/children/1/formula: Неизвестный символ «$» в позиции 17',
    },
    {
      name: 'fraction of max for lower-is-better',
      edits: [['/tree/children/0/children/1/normalisation', { method: 'fraction-of-max' }]],
      want: /^\/tree\/children\/0\/children\/1\/normalisation\/method: доля от максимума не определена/,
    },
    {
      name: 'indicator as root',
      edits: [
        ['/tree', structuredClone(sample.tree.kind === 'group' ? sample.tree.children[1] : null)],
      ],
      want: '/tree/kind: корень дерева должен быть индексом (kind: "group")',
    },
  ])('$name', ({ edits, want }) => {
    const errors = errorsOf(edited(edits));
    expect(
      errors.some((e) => (typeof want === 'string' ? e === want : want.test(e))),
      errors.join('\n'),
    ).toBe(true);
  });
});
