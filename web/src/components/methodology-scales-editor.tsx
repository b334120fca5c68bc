import { describedBy, FieldProblem } from './field-problem.js';
import { type Draft, type FieldProblems, numberOrText, valueAt } from './methodology-draft.js';

type Change = (path: string, value: unknown) => void;
type Row = Record<string, unknown>;
type Column = { field: string; label: string; numeric?: boolean; short?: boolean };
type Common = { draft: Draft; problems: FieldProblems; onChange: Change };

/** Rows of an array in the draft (thresholds, bands), each field with its problem. */
function RowsEditor({
  path,
  columns,
  newRow,
  rowLabel,
  draft,
  problems,
  onChange,
}: Common & { path: string; columns: Column[]; newRow: () => Row; rowLabel: string }) {
  const found = valueAt(draft, path);
  const rows = (Array.isArray(found) ? found : []) as Row[];
  return (
    <>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position; a typed key would move focus
        <p key={i} className="threshold-row" data-testid={`${rowLabel}-row`}>
          {columns.map(({ field, label, numeric, short }) => {
            const at = `${path}/${i}/${field}`;
            return (
              <label key={field}>
                {label}{' '}
                <input
                  className={short ? 'input--short' : undefined}
                  aria-label={`${rowLabel} ${i + 1}: ${label}`}
                  aria-describedby={describedBy(problems, at)}
                  value={String(row[field] ?? '')}
                  onChange={(e) =>
                    onChange(at, numeric ? numberOrText(e.target.value) : e.target.value)
                  }
                />
                <FieldProblem problems={problems} path={at} />
              </label>
            );
          })}
          <button
            type="button"
            className="button button--secondary"
            aria-label={`Удалить: ${rowLabel} ${i + 1}`}
            onClick={() =>
              onChange(
                path,
                rows.filter((_, j) => j !== i),
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
        onClick={() => onChange(path, [...rows, newRow()])}
      >
        Добавить: {rowLabel}
      </button>
      <FieldProblem problems={problems} path={path} />
    </>
  );
}

/** The index's colour scale: from which score each colour and label applies. */
export function ColourThresholdsEditor(common: Common) {
  return (
    <fieldset>
      <legend>Цветовые пороги индекса</legend>
      <RowsEditor
        path="/colourThresholds"
        rowLabel="порог"
        columns={[
          { field: 'from', label: 'от', numeric: true, short: true },
          { field: 'colour', label: 'цвет (#RRGGBB)', short: true },
          { field: 'label', label: 'подпись' },
        ]}
        newRow={() => ({ from: 0, colour: '#2e7d32', label: '' })}
        {...common}
      />
    </fieldset>
  );
}

/** Groups for places within a group: the reference value and its bands, or none. */
export function GroupingEditor(common: Common) {
  const { draft, problems, onChange } = common;
  const grouping = draft.grouping !== undefined;
  const text = (field: 'title' | 'reference', label: string, placeholder: string) => (
    <label>
      {label}{' '}
      <input
        aria-describedby={describedBy(problems, `/grouping/${field}`)}
        placeholder={placeholder}
        value={String(valueAt(draft, `/grouping/${field}`) ?? '')}
        onChange={(e) => onChange(`/grouping/${field}`, e.target.value)}
      />
      <FieldProblem problems={problems} path={`/grouping/${field}`} />
    </label>
  );
  return (
    <fieldset>
      <legend>Места в группах ОМСУ</legend>
      <label>
        <input
          type="checkbox"
          checked={grouping}
          onChange={(e) =>
            onChange(
              '/grouping',
              e.target.checked
                ? {
                    title: 'Группа по численности населения',
                    reference: 'population',
                    bands: [{ from: 0, label: 'все' }],
                  }
                : undefined,
            )
          }
        />{' '}
        давать места внутри групп
      </label>
      {grouping ? (
        <>
          {text('title', 'Заголовок', 'Группа по численности населения')}
          {text('reference', 'По значению', 'population или код показателя')}
          <RowsEditor
            path="/grouping/bands"
            rowLabel="группа"
            columns={[
              { field: 'from', label: 'от', numeric: true, short: true },
              { field: 'label', label: 'название' },
            ]}
            newRow={() => ({ from: 0, label: '' })}
            {...common}
          />
        </>
      ) : null}
      <FieldProblem problems={problems} path="/grouping" />
    </fieldset>
  );
}
