import { FieldProblem } from './field-problem.js';
import { type Draft, type FieldProblems, numberOrText, valueAt } from './methodology-draft.js';

type Change = (path: string, value: unknown) => void;

function Choice({
  label,
  path,
  draft,
  options,
  problems,
  onChange,
  numeric = false,
}: {
  label: string;
  path: string;
  draft: Draft;
  options: [string, string][];
  problems: FieldProblems;
  onChange: Change;
  numeric?: boolean;
}) {
  return (
    <label>
      {label}{' '}
      <select
        value={String(valueAt(draft, path) ?? '')}
        onChange={(e) => onChange(path, numeric ? Number(e.target.value) : e.target.value)}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      <FieldProblem problems={problems} path={path} />
    </label>
  );
}

/**
 * The rules around the tree: title, scale, ties, missing data, colour thresholds and grouping,
 * each with the server's problem beside it.
 */
export function MethodologyRulesEditor({
  draft,
  problems,
  onChange,
}: {
  draft: Draft;
  problems: FieldProblems;
  onChange: Change;
}) {
  const thresholds = (
    Array.isArray(draft.colourThresholds) ? draft.colourThresholds : []
  ) as Record<string, unknown>[];
  const common = { draft, problems, onChange };
  return (
    <fieldset className="form methodology-rules">
      <legend>Правила расчёта</legend>
      <label>
        Название{' '}
        <input
          value={String(draft.title ?? '')}
          onChange={(e) => onChange('/title', e.target.value)}
        />
        <FieldProblem problems={problems} path="/title" />
      </label>
      <Choice
        label="Шкала баллов"
        path="/outputScale"
        options={[
          ['1', '0…1'],
          ['100', '0…100'],
        ]}
        numeric
        {...common}
      />
      <Choice
        label="Равные баллы"
        path="/tieRule"
        options={[
          ['competition', 'одно место, следующее пропускается (1224)'],
          ['dense', 'одно место, без пропуска (1223)'],
        ]}
        {...common}
      />
      <Choice
        label="Пропуски данных"
        path="/missingData/imputation"
        options={[
          ['none', 'не восстанавливать'],
          ['mean', 'среднее по всем'],
          ['group-mean', 'среднее по группе'],
          ['last-observation', 'последнее известное значение'],
        ]}
        {...common}
      />
      <Choice
        label="Доля данных считается"
        path="/missingData/availabilityBasis"
        options={[
          ['weight', 'по весу'],
          ['count', 'по числу показателей'],
        ]}
        {...common}
      />
      <label>
        Минимальная доля данных{' '}
        <input
          className="input--short"
          value={String(valueAt(draft, '/missingData/minAvailability') ?? '')}
          onChange={(e) => onChange('/missingData/minAvailability', numberOrText(e.target.value))}
        />
        <FieldProblem problems={problems} path="/missingData/minAvailability" />
      </label>
      <fieldset>
        <legend>Цветовые пороги индекса</legend>
        {thresholds.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position; a typed key would move focus
          <p key={i} className="threshold-row">
            {(['from', 'colour', 'label'] as const).map((f) => (
              <label key={f}>
                {{ from: 'от', colour: 'цвет', label: 'подпись' }[f]}{' '}
                <input
                  className={f === 'label' ? undefined : 'input--short'}
                  value={String(t[f] ?? '')}
                  onChange={(e) =>
                    onChange(
                      `/colourThresholds/${i}/${f}`,
                      f === 'from' ? numberOrText(e.target.value) : e.target.value,
                    )
                  }
                />
                <FieldProblem problems={problems} path={`/colourThresholds/${i}/${f}`} />
              </label>
            ))}
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                onChange(
                  '/colourThresholds',
                  thresholds.filter((_, j) => j !== i),
                )
              }
            >
              Удалить
            </button>
          </p>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            onChange('/colourThresholds', [
              ...thresholds,
              { from: 0, colour: '#2e7d32', label: '' },
            ])
          }
        >
          Добавить порог
        </button>
        <FieldProblem problems={problems} path="/colourThresholds" />
      </fieldset>
      <label>
        Группировка (JSON: title, reference, bands; пусто — без групп){' '}
        <textarea
          rows={3}
          defaultValue={draft.grouping === undefined ? '' : JSON.stringify(draft.grouping)}
          onBlur={(e) => {
            const text = e.target.value.trim();
            if (text === '') return onChange('/grouping', undefined);
            try {
              onChange('/grouping', JSON.parse(text));
            } catch {
              onChange('/grouping', text);
            }
          }}
        />
        <FieldProblem problems={problems} path="/grouping" />
      </label>
    </fieldset>
  );
}
