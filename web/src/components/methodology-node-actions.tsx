import { Fragment, useState } from 'react';
import type { IndicatorSummary } from '../../../src/domain/data-set.js';
import {
  type Draft,
  groupNodeOf,
  groupPathsOf,
  indicatorCodesOf,
  indicatorNodeOf,
  isRemovable,
  parentPathOf,
  shiftsOf,
  withChildAdded,
  withNodeMoved,
  withNodeRemoved,
  withNodeShifted,
} from './methodology-draft.js';

/** An edit of the whole draft (adding, removing or moving a node). */
export type Edit = (edit: (draft: Draft) => Draft) => void;

/**
 * Under a group: add an indicator of the region's registry that the tree does not hold yet,
 * or a new dimension with its code and name.
 */
export function AddToGroup({
  draft,
  path,
  name,
  registry,
  onEdit,
}: {
  draft: Draft;
  path: string;
  name: string;
  registry: readonly IndicatorSummary[];
  onEdit: Edit;
}) {
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const present = new Set(indicatorCodesOf(draft.tree));
  const absent = registry.filter((i) => !present.has(i.code));
  const addGroup = () => {
    if (code.trim() === '' || title.trim() === '') return;
    onEdit((d) => withChildAdded(d, path, groupNodeOf(code.trim(), title.trim())));
    setCode('');
    setTitle('');
  };
  return (
    <p className="tree-node__add">
      <label>
        Добавить показатель{' '}
        <select
          aria-label={`Добавить показатель в «${name}»`}
          value=""
          onChange={(e) => {
            const chosen = absent.find((i) => i.code === e.target.value);
            if (chosen) onEdit((d) => withChildAdded(d, path, indicatorNodeOf(chosen)));
          }}
        >
          <option value="">
            {absent.length === 0 ? 'все показатели реестра уже в дереве' : 'выберите из реестра…'}
          </option>
          {absent.map((i) => (
            <option key={i.code} value={i.code}>
              {i.name} ({i.code})
            </option>
          ))}
        </select>
      </label>{' '}
      <span className="tree-node__new-group">
        Новое направление:{' '}
        <input
          className="input--short"
          aria-label={`Код нового направления в «${name}»`}
          placeholder="код"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />{' '}
        <input
          aria-label={`Название нового направления в «${name}»`}
          placeholder="название"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />{' '}
        <button
          type="button"
          className="button button--secondary"
          disabled={code.trim() === '' || title.trim() === ''}
          onClick={addGroup}
        >
          Добавить направление
        </button>
      </span>
    </p>
  );
}

/**
 * Beside a node: move it up or down among its siblings (the order is saved with the version),
 * remove it with its children; an indicator can move to another group.
 */
export function NodeActions({
  draft,
  path,
  name,
  indicator,
  onEdit,
}: {
  draft: Draft;
  path: string;
  name: string;
  indicator: boolean;
  onEdit: Edit;
}) {
  const parent = parentPathOf(path);
  const removable = isRemovable(draft, path);
  const targets = indicator ? groupPathsOf(draft.tree).filter(([p]) => p !== parent) : [];
  const [up, down] = shiftsOf(draft, path);
  const shift = (by: -1 | 1) => {
    onEdit((d) => withNodeShifted(d, path, by));
    // The node's buttons move with it: focus follows the node, as a keyboard user expects,
    // to the other button once it reaches either end.
    const moved = `${parent}/children/${Number(path.slice(path.lastIndexOf('/') + 1)) + by}`;
    requestAnimationFrame(() => {
      const buttons = [
        ...document.querySelectorAll<HTMLButtonElement>(`button[data-shift-path="${moved}"]`),
      ];
      const same = buttons.find((b) => b.dataset.shift === String(by) && !b.disabled);
      (same ?? buttons.find((b) => !b.disabled))?.focus();
    });
  };
  return (
    <span className="tree-node__actions">
      {(
        [
          [-1, up, 'выше', 'Выше'],
          [1, down, 'ниже', 'Ниже'],
        ] as const
      ).map(([by, allowed, where, label]) => (
        <Fragment key={by}>
          <button
            type="button"
            className="button button--secondary"
            aria-label={`Переместить «${name}» ${where}`}
            disabled={!allowed}
            data-shift-path={path}
            data-shift={String(by)}
            onClick={() => shift(by)}
          >
            {label}
          </button>{' '}
        </Fragment>
      ))}
      {targets.length > 0 && removable ? (
        <select
          aria-label={`Перенести «${name}»`}
          value=""
          onChange={(e) => {
            const target = e.target.value;
            if (target) onEdit((d) => withNodeMoved(d, path, target));
          }}
        >
          <option value="">перенести в…</option>
          {targets.map(([p, n]) => (
            <option key={p} value={p}>
              {n}
            </option>
          ))}
        </select>
      ) : null}{' '}
      <button
        type="button"
        className="button button--secondary"
        aria-label={`Удалить «${name}»`}
        disabled={!removable}
        title={removable ? undefined : 'В индексе должен остаться хотя бы один узел'}
        onClick={() => onEdit((d) => withNodeRemoved(d, path))}
      >
        Удалить
      </button>
    </span>
  );
}
