import { FieldProblem } from './field-problem.js';
import { type FieldProblems, numberOrText } from './methodology-draft.js';

const METHODS: Record<string, { label: string; fields: string[]; initial: object }> = {
  'min-max': { label: 'мин–макс', fields: ['lower', 'upper'], initial: {} },
  goalposts: {
    label: 'по ориентирам (lo–hi)',
    fields: ['lo', 'hi', 'scale'],
    initial: { lo: 0, hi: 1 },
  },
  'distance-to-target': { label: 'расстояние до цели', fields: ['target'], initial: { target: 1 } },
  'fraction-of-max': { label: 'доля от максимума', fields: [], initial: {} },
  'z-score': { label: 'z-оценка', fields: ['mean', 'sd'], initial: {} },
  rank: { label: 'по рангу', fields: [], initial: {} },
  'percentile-rank': { label: 'процентильный ранг', fields: [], initial: {} },
  points: {
    label: 'баллы по шкале',
    fields: [],
    initial: { scoring: { mode: 'step', thresholds: [{ value: 0, points: 0 }] } },
  },
};

const FIELD_LABELS: Record<string, string> = {
  lower: 'нижняя граница шкалы',
  upper: 'верхняя граница шкалы',
  lo: 'lo',
  hi: 'hi',
  scale: 'множитель',
  target: 'цель',
  mean: 'среднее',
  sd: 'ст. отклонение',
};

/** One indicator's normalisation: the method and its parameters, each with its problem. */
export function NormalisationEditor({
  value,
  path,
  problems,
  onChange,
}: {
  value: Record<string, unknown>;
  path: string;
  problems: FieldProblems;
  onChange: (value: Record<string, unknown>) => void;
}) {
  const method = String(value.method ?? '');
  const spec = METHODS[method];
  return (
    <span className="normalisation-editor">
      <label>
        Нормировка{' '}
        <select
          value={method}
          onChange={(e) =>
            onChange({ method: e.target.value, ...(METHODS[e.target.value]?.initial ?? {}) })
          }
        >
          {Object.entries(METHODS).map(([m, s]) => (
            <option key={m} value={m}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <FieldProblem problems={problems} path={`${path}/method`} />
      {spec?.fields.map((f) => (
        <label key={f}>
          {FIELD_LABELS[f] ?? f}{' '}
          <input
            className="input--short"
            value={value[f] === undefined ? '' : String(value[f])}
            onChange={(e) => {
              const { [f]: _old, ...rest } = value;
              onChange(
                e.target.value === '' ? rest : { ...rest, [f]: numberOrText(e.target.value) },
              );
            }}
          />
          <FieldProblem problems={problems} path={`${path}/${f}`} />
        </label>
      ))}
      {method === 'points' ? (
        <label>
          Шкала (JSON){' '}
          <textarea
            rows={3}
            defaultValue={JSON.stringify(value.scoring)}
            onBlur={(e) => {
              try {
                onChange({ ...value, scoring: JSON.parse(e.target.value) });
              } catch {
                onChange({ ...value, scoring: e.target.value });
              }
            }}
          />
          <FieldProblem problems={problems} path={`${path}/scoring`} />
        </label>
      ) : null}
    </span>
  );
}
