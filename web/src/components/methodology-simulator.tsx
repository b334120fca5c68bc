import { type FormEvent, useState } from 'react';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import type {
  SimulationResult,
  StoredMethodology,
} from '../../../src/server/features/rating/rating-schemas.js';
import { sendJson } from '../api/send-json.js';
import {
  defaultPick,
  MethodologyPicker,
  methodologyChoice,
  type PickedMethodology,
} from './methodology-picker.js';

type Shifted = SimulationResult['units'][number];

const byNewPlace = (a: Shifted, b: Shifted) =>
  (a.rankAfter ?? Number.POSITIVE_INFINITY) - (b.rankAfter ?? Number.POSITIVE_INFINITY) ||
  (a.rankBefore ?? Number.POSITIVE_INFINITY) - (b.rankBefore ?? Number.POSITIVE_INFINITY);

function ShiftCell({ shift }: { shift: number | null }) {
  if (shift === null) return <td className="num">—</td>;
  if (shift === 0) return <td className="num">0</td>;
  return (
    <td className={`num ${shift > 0 ? 'shift--up' : 'shift--down'}`}>
      {shift > 0 ? `▲ ${shift}` : `▼ ${-shift}`}
      <span className="visually-hidden">{shift > 0 ? ' (поднимается)' : ' (опускается)'}</span>
    </td>
  );
}

/**
 * «Симулятор методики»: the stored data of a period under the methodology in force and under
 * a proposed one (POST /api/ratings/simulate), with every unit's place under each and the
 * shift. Nothing is stored.
 */
export function MethodologySimulator({ stored }: { stored: readonly StoredMethodology[] }) {
  const [period, setPeriod] = useState('');
  const [before, setBefore] = useState<PickedMethodology | null>(defaultPick(stored));
  const [after, setAfter] = useState<PickedMethodology | null>(defaultPick(stored));
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!before || !after) return setProblem('Выберите обе методики или загрузите их из файлов.');
    setBusy(true);
    setProblem(null);
    try {
      setResult(
        await sendJson<SimulationResult>('POST', '/api/ratings/simulate', {
          period: period.trim(),
          before: methodologyChoice(before),
          after: methodologyChoice(after),
        }),
      );
    } catch (error) {
      setResult(null);
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const moved = (test: (s: number) => boolean) =>
    result?.units.filter((u) => u.shift !== null && test(u.shift)).length ?? 0;

  return (
    <>
      <form className="form rating-form" onSubmit={run} data-testid="simulator-form">
        <p className="hint">
          Те же данные периода по двум методикам: как изменится место каждого ОМСУ, если принять
          новую методику. Ничего не сохраняется.
        </p>
        <label>
          Период данных
          <input
            required
            value={period}
            placeholder="2022 или 2016-03-01"
            onChange={(e) => setPeriod(e.target.value)}
            data-testid="simulator-period"
          />
        </label>
        <MethodologyPicker
          label="Действующая методика"
          stored={stored}
          onChange={setBefore}
          testId="simulator-before"
        />
        <MethodologyPicker
          label="Новая методика"
          stored={stored}
          onChange={setAfter}
          testId="simulator-after"
        />
        {problem ? (
          <p className="status status--error" role="alert" data-testid="simulator-error">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Расчёт…' : 'Сравнить места'}
        </button>
      </form>
      {result ? (
        <div data-testid="simulation-result">
          <p>
            «{result.before.title}» (версия {result.before.version}) → «{result.after.title}»
            (версия {result.after.version}), период {result.period}: поднимутся{' '}
            {moved((s) => s > 0)}, опустятся {moved((s) => s < 0)}, без изменений{' '}
            {moved((s) => s === 0)}.
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Сдвиг мест при смене методики</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Место по новой
                  </th>
                  <th scope="col">Наименование ОМСУ</th>
                  <th scope="col" className="num">
                    Место по действующей
                  </th>
                  <th scope="col" className="num">
                    Сдвиг
                  </th>
                  <th scope="col" className="num">
                    Индекс (действующая)
                  </th>
                  <th scope="col" className="num">
                    Индекс (новая)
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...result.units].sort(byNewPlace).map((u) => (
                  <tr key={u.code} data-testid="simulation-row" data-municipality={u.code}>
                    <td className="num">{u.rankAfter ?? '—'}</td>
                    <th scope="row">{u.name}</th>
                    <td className="num">{u.rankBefore ?? '—'}</td>
                    <ShiftCell shift={u.shift} />
                    <td className="num">{formatNumberRu(u.scoreBefore, 2)}</td>
                    <td className="num">{formatNumberRu(u.scoreAfter, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </>
  );
}
