import { type FormEvent, useState } from 'react';
import {
  PLAN_RULE_KIND_LABELS,
  PLAN_RULE_KINDS,
  type PlanRule,
  type PlanTargets,
  REFERENCE_KIND_LABELS,
} from '../../../src/domain/plan-targets.js';
import { sendJson } from '../api/send-json.js';

type Kind = (typeof PLAN_RULE_KINDS)[number];
type ReferenceKind = keyof typeof REFERENCE_KIND_LABELS;

const VALUE_LABELS: Record<Kind, string> = {
  share: 'Доля, %',
  absolute: 'Значение на конец года',
  growth: 'Прирост, %',
};

/** The analyst's form for the rule of a year's targets (PUT /api/plans/{indicator}/{year}/rule). */
export function PlanRuleForm({
  indicatorCode,
  year,
  rule,
  defaultMonthly,
  onSaved,
}: {
  indicatorCode: string;
  year: number;
  rule: PlanRule | null;
  defaultMonthly: string;
  onSaved: (targets: PlanTargets) => void;
}) {
  const [kind, setKind] = useState<Kind>(rule?.kind ?? 'share');
  const [value, setValue] = useState(rule ? String(rule.value).replace('.', ',') : '20');
  const [referenceKind, setReferenceKind] = useState<ReferenceKind>(
    rule?.referenceKind ?? 'econ_active_14_72',
  );
  const [monthly, setMonthly] = useState(rule?.monthlyIndicator ?? defaultMonthly);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value.replace(/\s/g, '').replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(number) || number < 0)
      return setProblem(`${VALUE_LABELS[kind]}: «${value}» — введите неотрицательное число.`);
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const targets = await sendJson<PlanTargets>(
        'PUT',
        `/api/plans/${encodeURIComponent(indicatorCode)}/${year}/rule`,
        {
          kind,
          value: number,
          referenceKind: kind === 'share' ? referenceKind : null,
          monthlyIndicator: monthly.trim(),
        },
      );
      setSaved(true);
      onSaved(targets);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="filters" onSubmit={submit} data-testid="plan-rule-form">
      <label>
        Правило
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {PLAN_RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {PLAN_RULE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {VALUE_LABELS[kind]}
        <input value={value} inputMode="decimal" onChange={(e) => setValue(e.target.value)} />
      </label>
      {kind === 'share' ? (
        <label>
          От значения
          <select
            value={referenceKind}
            onChange={(e) => setReferenceKind(e.target.value as ReferenceKind)}
          >
            {(Object.keys(REFERENCE_KIND_LABELS) as ReferenceKind[]).map((k) => (
              <option key={k} value={k}>
                {REFERENCE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Ежемесячный показатель
        <input value={monthly} onChange={(e) => setMonthly(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={busy}>
        Сохранить правило
      </button>
      {problem ? (
        <p className="status status--error" role="alert">
          {problem}
        </p>
      ) : null}
      {saved ? (
        <p className="status status--ok" role="status">
          Правило сохранено, целевые показатели пересчитаны.
        </p>
      ) : null}
    </form>
  );
}
