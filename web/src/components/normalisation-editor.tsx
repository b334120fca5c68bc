import { describedBy, FieldProblem } from './field-problem.js';
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

type Value = Record<string, unknown>;

/** One indicator's normalisation: the method and its parameters, each with its problem. */
export function NormalisationEditor({
  value,
  path,
  name,
  problems,
  onChange,
}: {
  value: Value;
  path: string;
  /** The indicator's name, for the labels of its inputs. */
  name: string;
  problems: FieldProblems;
  onChange: (value: Value) => void;
}) {
  const method = String(value.method ?? '');
  const spec = METHODS[method];
  return (
    <span className="normalisation-editor">
      <label>
        Нормировка{' '}
        <select
          aria-label={`Нормировка «${name}»`}
          aria-describedby={describedBy(problems, `${path}/method`)}
          value={method}
          onChange={(e) =>
            onChange({ method: e.target.value, ...(METHODS[e.target.value]?.initial ?? {}) })
          }
        >
          {spec ? null : <option value={method}>{method || '—'}</option>}
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
            aria-label={`${FIELD_LABELS[f] ?? f} «${name}»`}
            aria-describedby={describedBy(problems, `${path}/${f}`)}
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
      {method === 'distance-to-target' ? (
        <label>
          <input
            type="checkbox"
            checked={value.capAtTarget === true}
            onChange={(e) => {
              const { capAtTarget: _old, ...rest } = value;
              onChange(e.target.checked ? { ...rest, capAtTarget: true } : rest);
            }}
          />{' '}
          выше цели — ровно максимум
        </label>
      ) : null}
      {method === 'points' ? (
        <PointsEditor
          scoring={(value.scoring ?? {}) as Value}
          path={`${path}/scoring`}
          problems={problems}
          onChange={(scoring) => onChange({ ...value, scoring })}
        />
      ) : null}
    </span>
  );
}

/** The table of a points scale: step or linear, and thresholds of value → points. */
function PointsEditor({
  scoring,
  path,
  problems,
  onChange,
}: {
  scoring: Value;
  path: string;
  problems: FieldProblems;
  onChange: (scoring: Value) => void;
}) {
  const rows = (Array.isArray(scoring.thresholds) ? scoring.thresholds : []) as Value[];
  const setRows = (thresholds: Value[]) => onChange({ ...scoring, thresholds });
  return (
    <span className="points-editor">
      <label>
        Баллы{' '}
        <select
          value={String(scoring.mode ?? 'step')}
          aria-describedby={describedBy(problems, `${path}/mode`)}
          onChange={(e) => onChange({ ...scoring, mode: e.target.value })}
        >
          <option value="step">ступенькой (баллы достигнутого порога)</option>
          <option value="linear">линейно между порогами</option>
        </select>
      </label>
      <FieldProblem problems={problems} path={`${path}/mode`} />
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position; a typed key would move focus
        <span key={i} className="threshold-row">
          {(['value', 'points'] as const).map((f) => (
            <label key={f}>
              {f === 'value' ? 'от значения' : 'баллов'}{' '}
              <input
                className="input--short"
                aria-describedby={describedBy(problems, `${path}/thresholds/${i}/${f}`)}
                value={String(row[f] ?? '')}
                onChange={(e) =>
                  setRows(
                    rows.map((r, j) => (j === i ? { ...r, [f]: numberOrText(e.target.value) } : r)),
                  )
                }
              />
              <FieldProblem problems={problems} path={`${path}/thresholds/${i}/${f}`} />
            </label>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
          >
            Убрать порог
          </button>
        </span>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setRows([...rows, { value: 0, points: 0 }])}
      >
        Добавить порог баллов
      </button>
      <FieldProblem problems={problems} path={`${path}/thresholds`} />
    </span>
  );
}
