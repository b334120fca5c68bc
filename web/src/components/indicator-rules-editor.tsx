import { describedBy, FieldProblem } from './field-problem.js';
import { type FieldProblems, numberOrText } from './methodology-draft.js';
import { NormalisationEditor } from './normalisation-editor.js';

type Node = Record<string, unknown>;
type Change = (path: string, value: unknown) => void;

const TREATMENT_FIELDS = [
  ['skewThreshold', 'порог асимметрии (2)'],
  ['kurtosisThreshold', 'порог эксцесса (3,5)'],
  ['maxWinsorised', 'винсоризовать не больше (5)'],
] as const;

/**
 * One indicator's rules: direction, normalisation with its parameters, the formula of a
 * derived indicator and the treatment of outliers (empty fields take the defaults).
 */
export function IndicatorRulesEditor({
  node,
  path,
  problems,
  onChange,
}: {
  node: Node;
  path: string;
  problems: FieldProblems;
  onChange: Change;
}) {
  const name = String(node.name || node.code || '');
  const treatment =
    typeof node.treatment === 'object' && node.treatment !== null ? (node.treatment as Node) : null;
  return (
    <span className="tree-node__indicator">
      <label>
        Направление{' '}
        <select
          aria-label={`Направление «${name}»`}
          aria-describedby={describedBy(problems, `${path}/direction`)}
          value={String(node.direction ?? 1)}
          onChange={(e) => onChange(`${path}/direction`, Number(e.target.value))}
        >
          <option value="1">больше — лучше</option>
          <option value="-1">меньше — лучше</option>
        </select>
        <FieldProblem problems={problems} path={`${path}/direction`} />
      </label>{' '}
      <NormalisationEditor
        value={(node.normalisation ?? {}) as Node}
        path={`${path}/normalisation`}
        name={name}
        problems={problems}
        onChange={(v) => onChange(`${path}/normalisation`, v)}
      />
      <FieldProblem problems={problems} path={`${path}/normalisation`} />{' '}
      <label>
        Формула (для производного){' '}
        <input
          aria-label={`Формула «${name}»`}
          aria-describedby={describedBy(problems, `${path}/formula`)}
          placeholder="esia_total / population * 1000"
          value={String(node.formula ?? '')}
          onChange={(e) =>
            onChange(`${path}/formula`, e.target.value === '' ? undefined : e.target.value)
          }
        />
        <FieldProblem problems={problems} path={`${path}/formula`} />
      </label>{' '}
      <label>
        <input
          type="checkbox"
          aria-label={`Обработка выбросов «${name}»`}
          checked={treatment !== null}
          onChange={(e) => onChange(`${path}/treatment`, e.target.checked ? {} : undefined)}
        />{' '}
        обработка выбросов
      </label>
      {treatment
        ? TREATMENT_FIELDS.map(([f, label]) => (
            <label key={f}>
              {label}{' '}
              <input
                className="input--short"
                aria-describedby={describedBy(problems, `${path}/treatment/${f}`)}
                value={treatment[f] === undefined ? '' : String(treatment[f])}
                onChange={(e) =>
                  onChange(
                    `${path}/treatment/${f}`,
                    e.target.value === '' ? undefined : numberOrText(e.target.value),
                  )
                }
              />
              <FieldProblem problems={problems} path={`${path}/treatment/${f}`} />
            </label>
          ))
        : null}
      <FieldProblem problems={problems} path={`${path}/treatment`} />
    </span>
  );
}
