import { describedBy, FieldProblem } from './field-problem.js';
import { type Draft, type FieldProblems, numberOrText, valueAt } from './methodology-draft.js';
import { ColourThresholdsEditor, GroupingEditor } from './methodology-scales-editor.js';

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
        aria-describedby={describedBy(problems, path)}
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

/** A number field of the draft: typed in Russian or English notation, empty removes it. */
export function NumberField({
  label,
  path,
  draft,
  problems,
  onChange,
}: {
  label: string;
  path: string;
  draft: Draft;
  problems: FieldProblems;
  onChange: Change;
}) {
  return (
    <label>
      {label}{' '}
      <input
        className="input--short"
        aria-describedby={describedBy(problems, path)}
        value={String(valueAt(draft, path) ?? '')}
        onChange={(e) => onChange(path, numberOrText(e.target.value))}
      />
      <FieldProblem problems={problems} path={path} />
    </label>
  );
}

/**
 * The rules around the tree: title, description, scale, ties, missing data, unit screening,
 * colour thresholds and grouping, each with the server's problem beside it.
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
  const common = { draft, problems, onChange };
  const screening = draft.screening !== undefined;
  return (
    <fieldset className="form methodology-rules">
      <legend>Правила расчёта</legend>
      <label>
        Название{' '}
        <input
          aria-describedby={describedBy(problems, '/title')}
          value={String(draft.title ?? '')}
          onChange={(e) => onChange('/title', e.target.value)}
        />
        <FieldProblem problems={problems} path="/title" />
      </label>
      <label>
        Описание (основание методики){' '}
        <textarea
          rows={2}
          aria-describedby={describedBy(problems, '/description')}
          value={String(draft.description ?? '')}
          onChange={(e) =>
            onChange('/description', e.target.value === '' ? undefined : e.target.value)
          }
        />
        <FieldProblem problems={problems} path="/description" />
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
      <NumberField
        label="Минимальная доля данных"
        path="/missingData/minAvailability"
        {...common}
      />
      <fieldset>
        <legend>Отбор ОМСУ по наличию данных</legend>
        <label>
          <input
            type="checkbox"
            checked={screening}
            onChange={(e) =>
              onChange(
                '/screening',
                e.target.checked ? { minAvailability: 0.5, scope: 'overall' } : undefined,
              )
            }
          />{' '}
          исключать ОМСУ, у которых мало данных
        </label>
        {screening ? (
          <>
            <NumberField
              label="Минимальная доля показателей"
              path="/screening/minAvailability"
              {...common}
            />
            <Choice
              label="Доля считается"
              path="/screening/scope"
              options={[
                ['overall', 'по всем показателям'],
                ['each-dimension', 'в каждом направлении отдельно'],
              ]}
              {...common}
            />
          </>
        ) : null}
        <FieldProblem problems={problems} path="/screening" />
      </fieldset>
      <ColourThresholdsEditor {...common} />
      <GroupingEditor {...common} />
    </fieldset>
  );
}
