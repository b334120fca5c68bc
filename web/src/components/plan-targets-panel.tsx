import { useState } from 'react';
import {
  type PlanTargetRow,
  type PlanTargets,
  TARGET_ORIGIN_LABELS,
} from '../../../src/domain/plan-targets.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { sendJson } from '../api/send-json.js';
import { PlanRuleForm } from './plan-rule-form.js';

/**
 * «Целевые показатели»: the rule of the year, every planned municipality's target with where
 * it came from, a hand-set override per row, and the municipalities the rule cannot serve.
 */
export function PlanTargetsPanel({
  indicatorCode,
  targets,
  defaultMonthly,
  editable,
  onChanged,
}: {
  indicatorCode: string;
  targets: PlanTargets;
  defaultMonthly: string;
  editable: boolean;
  onChanged: (next: PlanTargets) => void;
}) {
  const year = targets.year;
  const update = onChanged;
  const planned = targets.rows.filter((r) => r.target !== null);
  return (
    <section aria-labelledby="plan-targets-title" data-testid="plan-targets">
      <h2 id="plan-targets-title">Целевые показатели на {year} год</h2>
      <p data-testid="plan-rule">
        {targets.rule
          ? `Правило: ${targets.rule.description}.`
          : 'Правило не задано: действуют целевые показатели из источника и заданные вручную.'}
      </p>
      {editable ? (
        <PlanRuleForm
          indicatorCode={indicatorCode}
          year={year}
          rule={targets.rule}
          defaultMonthly={defaultMonthly}
          onSaved={update}
        />
      ) : null}
      <div className="table-scroll">
        <table className="data-table" data-testid="plan-targets-table">
          <thead>
            <tr>
              <th scope="col">Наименование ОМСУ</th>
              <th scope="col" className="num">
                На начало года
              </th>
              <th scope="col" className="num">
                Справочное значение
              </th>
              <th scope="col" className="num">
                По правилу
              </th>
              <th scope="col" className="num">
                Целевой показатель
              </th>
              {editable ? <th scope="col">Задать вручную</th> : null}
            </tr>
          </thead>
          <tbody>
            {planned.map((row) => (
              <TargetRow
                key={row.municipality.code}
                row={row}
                editable={editable}
                url={`/api/plans/${encodeURIComponent(indicatorCode)}/${year}/targets/${row.municipality.code}`}
                onSaved={update}
              />
            ))}
          </tbody>
        </table>
      </div>
      {targets.problems.length > 0 ? (
        <details className="warnings" data-testid="plan-target-problems">
          <summary>
            Без целевого показателя: {targets.problems.length} ОМСУ (не хватает исходных данных)
          </summary>
          <ul>
            {targets.problems.map((p) => (
              <li key={p.municipality.code}>
                <strong>{p.municipality.name}</strong>: {p.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function TargetRow({
  row,
  editable,
  url,
  onSaved,
}: {
  row: PlanTargetRow;
  editable: boolean;
  url: string;
  onSaved: (targets: PlanTargets) => void;
}) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = async (method: 'PUT' | 'DELETE') => {
    const target = Number(value.replace(/\s/g, '').replace(',', '.'));
    if (method === 'PUT' && (value.trim() === '' || !Number.isFinite(target) || target < 0))
      return setProblem(`Целевой показатель: «${value}» — введите неотрицательное число.`);
    setProblem(null);
    try {
      onSaved(await sendJson<PlanTargets>(method, url, method === 'PUT' ? { target } : undefined));
      setValue('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <tr data-testid="plan-target-row" data-municipality={row.municipality.code}>
      <th scope="row">{row.municipality.name}</th>
      <td className="num">{formatNumberRu(row.startOfYear, 0)}</td>
      <td className="num">
        {formatNumberRu(row.reference?.value ?? null, 0)}
        {row.reference?.derivedFrom ? (
          <span className="illustrative" title={row.reference.derivedFrom}>
            {row.reference.derivedFrom}
          </span>
        ) : null}
      </td>
      <td className="num">{formatNumberRu(row.ruleTarget, 0)}</td>
      <td className="num" data-origin={row.origin ?? ''}>
        {formatNumberRu(row.target, 0)}
        {row.origin ? (
          <span className="illustrative">{TARGET_ORIGIN_LABELS[row.origin]}</span>
        ) : null}
      </td>
      {editable ? (
        <td>
          <input
            aria-label={`Целевой показатель ${row.municipality.name}`}
            value={value}
            inputMode="decimal"
            size={8}
            onChange={(e) => setValue(e.target.value)}
          />{' '}
          <button type="button" className="button" onClick={() => send('PUT')}>
            Задать
          </button>
          {row.origin === 'manual' ? (
            <button type="button" className="button" onClick={() => send('DELETE')}>
              По правилу
            </button>
          ) : null}
          {problem ? (
            <span className="status status--error" role="alert">
              {problem}
            </span>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
