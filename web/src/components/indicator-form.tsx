import { type FormEvent, useState } from 'react';
import {
  DIRECTION_LABELS,
  type IndicatorPassportFields,
  type IndicatorView,
  PERIODICITY_LABELS,
} from '../../../src/domain/indicator-passport.js';
import { sendJson } from '../api/send-json.js';
import { useFormulaCheck } from './use-formula-check.js';

const EMPTY: IndicatorPassportFields = {
  name: '',
  unit: '',
  direction: 'higher_better',
  periodicity: 'monthly',
  sourceSystem: null,
  rangeMin: null,
  rangeMax: null,
  decimals: 1,
  description: null,
  formula: null,
};

const text = (v: string | null) => v ?? '';
const numberText = (v: number | null) => (v === null ? '' : String(v));
const orNull = (v: string) => (v.trim() === '' ? null : v);
const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));

/** A passport to create (`indicator` null) or edit; refusals are shown beside the form. */
export function IndicatorForm({
  indicator,
  onDone,
}: {
  indicator: IndicatorView | null;
  onDone: (message: string) => void;
}) {
  const start = indicator ?? EMPTY;
  const [code, setCode] = useState(indicator?.code ?? '');
  const [name, setName] = useState(start.name);
  const [unit, setUnit] = useState(start.unit);
  const [direction, setDirection] = useState(start.direction);
  const [periodicity, setPeriodicity] = useState(start.periodicity);
  const [source, setSource] = useState(text(start.sourceSystem));
  const [rangeMin, setRangeMin] = useState(numberText(start.rangeMin));
  const [rangeMax, setRangeMax] = useState(numberText(start.rangeMax));
  const [decimals, setDecimals] = useState(String(start.decimals));
  const [description, setDescription] = useState(text(start.description));
  const [formula, setFormula] = useState(text(start.formula));
  const [error, setError] = useState('');
  const check = useFormulaCheck(code, formula);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    const body = {
      name,
      unit,
      direction,
      periodicity,
      sourceSystem: orNull(source),
      rangeMin: numberOrNull(rangeMin),
      rangeMax: numberOrNull(rangeMax),
      decimals: Number(decimals),
      description: orNull(description),
      formula: orNull(formula),
    };
    try {
      const saved = indicator
        ? await sendJson<IndicatorView>(
            'PUT',
            `/api/indicators/${encodeURIComponent(indicator.code)}`,
            { ...body, expectedVersion: indicator.version },
          )
        : await sendJson<IndicatorView>('POST', '/api/indicators', { code, ...body });
      const kept =
        indicator && saved.versions.length > indicator.versions.length
          ? ` Прежняя версия ${indicator.version} сохранена: её использует опубликованный рейтинг.`
          : '';
      onDone(`Сохранено: ${saved.code} — ${saved.name} (версия ${saved.version}).${kept}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form className="form form--wide" onSubmit={save} data-testid="indicator-form">
      {error ? (
        <p className="status status--error" role="alert" data-testid="indicator-error">
          {error}
        </p>
      ) : null}
      <label htmlFor="indicator-code">Код</label>
      <input
        id="indicator-code"
        required
        disabled={indicator !== null}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <label htmlFor="indicator-name">Наименование</label>
      <input id="indicator-name" required value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="indicator-unit">Единица измерения</label>
      <input id="indicator-unit" required value={unit} onChange={(e) => setUnit(e.target.value)} />
      <label htmlFor="indicator-direction">Направление</label>
      <select
        id="indicator-direction"
        value={direction}
        onChange={(e) => setDirection(e.target.value as typeof direction)}
      >
        {Object.entries(DIRECTION_LABELS).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor="indicator-periodicity">Периодичность</label>
      <select
        id="indicator-periodicity"
        value={periodicity}
        onChange={(e) => setPeriodicity(e.target.value as typeof periodicity)}
      >
        {Object.entries(PERIODICITY_LABELS).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor="indicator-source">Система-источник</label>
      <input id="indicator-source" value={source} onChange={(e) => setSource(e.target.value)} />
      <label htmlFor="indicator-min">Допустимый минимум</label>
      <input id="indicator-min" value={rangeMin} onChange={(e) => setRangeMin(e.target.value)} />
      <label htmlFor="indicator-max">Допустимый максимум</label>
      <input id="indicator-max" value={rangeMax} onChange={(e) => setRangeMax(e.target.value)} />
      <label htmlFor="indicator-decimals">Знаков после запятой</label>
      <input
        id="indicator-decimals"
        type="number"
        min={0}
        max={6}
        value={decimals}
        onChange={(e) => setDecimals(e.target.value)}
      />
      <label htmlFor="indicator-description">Описание</label>
      <textarea
        id="indicator-description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <label htmlFor="indicator-formula">Формула (для производного показателя)</label>
      <input
        id="indicator-formula"
        value={formula}
        aria-invalid={check !== null && !check.ok}
        aria-describedby="indicator-formula-check"
        onChange={(e) => setFormula(e.target.value)}
      />
      <p id="indicator-formula-check" data-testid="formula-check" aria-live="polite">
        {check === null
          ? ''
          : check.ok
            ? `Формула верна: ${check.variables.join(', ')}.`
            : check.message}
      </p>
      <button type="submit" className="button">
        {indicator ? 'Сохранить паспорт' : 'Создать показатель'}
      </button>
    </form>
  );
}
