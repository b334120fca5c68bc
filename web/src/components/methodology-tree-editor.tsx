import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { FieldProblem } from './field-problem.js';
import { type FieldProblems, numberOrText } from './methodology-draft.js';
import { NormalisationEditor } from './normalisation-editor.js';

type Node = Record<string, unknown>;
type Change = (path: string, value: unknown) => void;

const weightOf = (n: Node) => (typeof n.weight === 'number' && n.weight > 0 ? n.weight : 0);

/**
 * The methodology's tree: each node's weight as typed and its share of the parent (weights are
 * normalised within the parent), a group's aggregation, an indicator's direction and
 * normalisation; the server's problem beside the field it names.
 */
export function MethodologyTreeEditor({
  tree,
  problems,
  onChange,
}: {
  tree: Node;
  problems: FieldProblems;
  onChange: Change;
}) {
  return (
    <ul className="methodology-tree" data-testid="methodology-tree">
      <TreeNode node={tree} path="/tree" share={null} problems={problems} onChange={onChange} />
    </ul>
  );
}

function TreeNode({
  node,
  path,
  share,
  problems,
  onChange,
}: {
  node: Node;
  path: string;
  share: number | null;
  problems: FieldProblems;
  onChange: Change;
}) {
  const children = Array.isArray(node.children) ? (node.children as Node[]) : [];
  const total = children.reduce((s, c) => s + weightOf(c), 0);
  const code = String(node.code ?? '');
  return (
    <li className="tree-node" data-testid="tree-node" data-code={code}>
      <span className="tree-node__head">
        <strong>{String(node.name ?? '')}</strong> <code>{code}</code>
        {share !== null ? (
          <>
            {' '}
            <label>
              вес{' '}
              <input
                className="input--short"
                aria-label={`Вес «${String(node.name ?? code)}»`}
                data-testid="weight-input"
                value={node.weight === undefined ? '' : String(node.weight)}
                onChange={(e) => onChange(`${path}/weight`, numberOrText(e.target.value))}
              />
            </label>{' '}
            <span className="hint" data-testid="weight-share">
              доля {formatNumberRu(share * 100, 1)} %
            </span>
          </>
        ) : null}
        <FieldProblem problems={problems} path={`${path}/weight`} />
        <FieldProblem problems={problems} path={`${path}/code`} />
        <FieldProblem problems={problems} path={path} />
      </span>
      {node.kind === 'group' ? (
        <>
          <label>
            Агрегирование{' '}
            <select
              value={String(node.aggregation ?? '')}
              onChange={(e) => onChange(`${path}/aggregation`, e.target.value)}
            >
              <option value="arithmetic">среднее арифметическое</option>
              <option value="geometric">среднее геометрическое</option>
              <option value="harmonic">среднее гармоническое</option>
              <option value="sum">сумма</option>
            </select>
          </label>
          <ul>
            {children.map((child, i) => (
              <TreeNode
                key={String(child.code)}
                node={child}
                path={`${path}/children/${i}`}
                share={total > 0 ? weightOf(child) / total : 0}
                problems={problems}
                onChange={onChange}
              />
            ))}
          </ul>
        </>
      ) : (
        <span className="tree-node__indicator">
          <label>
            Направление{' '}
            <select
              value={String(node.direction ?? 1)}
              onChange={(e) => onChange(`${path}/direction`, Number(e.target.value))}
            >
              <option value="1">больше — лучше</option>
              <option value="-1">меньше — лучше</option>
            </select>
          </label>{' '}
          <NormalisationEditor
            value={(node.normalisation ?? {}) as Record<string, unknown>}
            path={`${path}/normalisation`}
            problems={problems}
            onChange={(v) => onChange(`${path}/normalisation`, v)}
          />
        </span>
      )}
    </li>
  );
}
