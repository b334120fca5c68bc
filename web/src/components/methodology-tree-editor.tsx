import type { IndicatorSummary } from '../../../src/domain/data-set.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { describedBy, FieldProblem } from './field-problem.js';
import { IndicatorRulesEditor } from './indicator-rules-editor.js';
import { type Draft, type FieldProblems, numberOrText } from './methodology-draft.js';
import { AddToGroup, type Edit, NodeActions } from './methodology-node-actions.js';

type Node = Record<string, unknown>;
type Change = (path: string, value: unknown) => void;

const weightOf = (n: Node) => (typeof n.weight === 'number' && n.weight > 0 ? n.weight : 0);

/**
 * The methodology's tree: each node's name, code, weight as typed and its share of the parent
 * (weights are normalised within the parent), a group's aggregation, an indicator's rules;
 * nodes added from the registry, removed, moved or reordered; a registered indicator's link to
 * its passport on «Показатели»; the server's problem beside the field it names.
 */
export function MethodologyTreeEditor({
  draft,
  registry,
  problems,
  onChange,
  onEdit,
}: {
  draft: Draft;
  registry: readonly IndicatorSummary[];
  problems: FieldProblems;
  onChange: Change;
  onEdit: Edit;
}) {
  const common = { draft, registry, problems, onChange, onEdit };
  return (
    <ul className="methodology-tree" data-testid="methodology-tree">
      <TreeNode node={draft.tree as Node} path="/tree" share={null} {...common} />
    </ul>
  );
}

function TreeNode({
  node,
  path,
  share,
  ...common
}: {
  node: Node;
  path: string;
  share: number | null;
  draft: Draft;
  registry: readonly IndicatorSummary[];
  problems: FieldProblems;
  onChange: Change;
  onEdit: Edit;
}) {
  const { draft, registry, problems, onChange, onEdit } = common;
  const children = Array.isArray(node.children) ? (node.children as Node[]) : [];
  const total = children.reduce((s, c) => s + weightOf(c), 0);
  const code = String(node.code ?? '');
  const name = String(node.name || code);
  const text = (field: 'name' | 'code', label: string, short = false) => (
    <label>
      {label}{' '}
      <input
        className={short ? 'input--short' : undefined}
        aria-label={`${label} «${name}»`}
        aria-describedby={describedBy(problems, `${path}/${field}`)}
        value={String(node[field] ?? '')}
        onChange={(e) => onChange(`${path}/${field}`, e.target.value)}
      />
      <FieldProblem problems={problems} path={`${path}/${field}`} />
    </label>
  );
  return (
    <li className="tree-node" data-testid="tree-node" data-code={code}>
      <span className="tree-node__head">
        {text('name', 'Название')} {text('code', 'Код', true)}
        {share !== null ? (
          <>
            {' '}
            <label>
              вес{' '}
              <input
                className="input--short"
                aria-label={`Вес «${name}»`}
                aria-describedby={describedBy(problems, `${path}/weight`)}
                data-testid="weight-input"
                value={node.weight === undefined ? '' : String(node.weight)}
                onChange={(e) => onChange(`${path}/weight`, numberOrText(e.target.value))}
              />
            </label>{' '}
            <span className="hint" data-testid="weight-share">
              доля {formatNumberRu(share * 100, 1)} %
            </span>{' '}
            <NodeActions
              draft={draft}
              path={path}
              name={name}
              indicator={node.kind === 'indicator'}
              onEdit={onEdit}
            />
          </>
        ) : null}
        <FieldProblem problems={problems} path={`${path}/weight`} />
        <FieldProblem problems={problems} path={`${path}/kind`} />
        <FieldProblem problems={problems} path={path} />
      </span>
      {node.kind === 'group' ? (
        <>
          <label>
            Агрегирование{' '}
            <select
              aria-describedby={describedBy(problems, `${path}/aggregation`)}
              value={String(node.aggregation ?? '')}
              onChange={(e) => onChange(`${path}/aggregation`, e.target.value)}
            >
              <option value="arithmetic">среднее арифметическое</option>
              <option value="geometric">среднее геометрическое</option>
              <option value="harmonic">среднее гармоническое</option>
              <option value="sum">сумма</option>
            </select>
            <FieldProblem problems={problems} path={`${path}/aggregation`} />
          </label>
          <FieldProblem problems={problems} path={`${path}/children`} />
          <ul>
            {children.map((child, i) => (
              <TreeNode
                // biome-ignore lint/suspicious/noArrayIndexKey: a node is its position; its code is being typed
                key={i}
                node={child}
                path={`${path}/children/${i}`}
                share={total > 0 ? weightOf(child) / total : 0}
                {...common}
              />
            ))}
          </ul>
          <AddToGroup draft={draft} path={path} name={name} registry={registry} onEdit={onEdit} />
        </>
      ) : (
        <>
          {registry.some((i) => i.code === code) ? (
            <p className="tree-node__passport">
              <a
                href={`/data/indicators?code=${encodeURIComponent(code)}`}
                target="_blank"
                rel="noopener"
                aria-label={`Паспорт показателя «${name}» (откроется в новой вкладке)`}
                data-testid="passport-link"
              >
                Паспорт показателя
              </a>
            </p>
          ) : null}
          <IndicatorRulesEditor node={node} path={path} problems={problems} onChange={onChange} />
        </>
      )}
    </li>
  );
}
