import { ApiError } from '../api/fetch-json.js';

/** A methodology being edited: the JSON document as plain data (checked by the server). */
export type Draft = Record<string, unknown>;

/** Problems the server named, by JSON Pointer (e.g. "/tree/children/0/weight"). */
export type FieldProblems = ReadonlyMap<string, string>;

/** The element id of the message about a field: "/tree/children/0/weight" → "problem-tree-children-0-weight". */
export const problemIdOf = (path: string) => `problem${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;

const segmentsOf = (path: string) => path.split('/').slice(1);

/** The value at a JSON Pointer, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  let here: unknown = doc;
  for (const s of segmentsOf(path)) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string, unknown>)[s];
  }
  return here;
}

/** A copy of the document with the value at a JSON Pointer replaced (undefined removes it). */
export function withValueAt(doc: Draft, path: string, value: unknown): Draft {
  const [head, ...rest] = segmentsOf(path);
  if (head === undefined) return doc;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(doc) ? [...doc] : { ...doc };
  const child = (copy as Record<string, unknown>)[head];
  const next =
    rest.length === 0 ? value : withValueAt((child ?? {}) as Draft, `/${rest.join('/')}`, value);
  if (next === undefined && !Array.isArray(copy)) delete copy[head];
  else (copy as Record<string, unknown>)[head] = next;
  return copy as Draft;
}

/** The month after today, "2026-01" in December 2025: the usual start of a new version. */
export function nextMonth(today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  return d.toISOString().slice(0, 7);
}

/** A number typed in Russian or English notation, or the text itself when it is none. */
export function numberOrText(text: string): number | string {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** The problems an error answer names by field (`fields[].path`), or none. */
export function problemsOf(error: unknown): FieldProblems {
  const fields =
    error instanceof ApiError ? (error.body as { fields?: unknown } | null)?.fields : null;
  if (!Array.isArray(fields)) return new Map();
  return new Map(fields.map((f: { path: string; message: string }) => [f.path, f.message]));
}

type Node = Record<string, unknown>;

const childrenOf = (node: unknown): Node[] =>
  typeof node === 'object' && node !== null && Array.isArray((node as Node).children)
    ? ((node as Node).children as Node[])
    : [];

/** The pointer of a node's parent ("/tree/children/2" → "/tree"), or null for the root. */
export function parentPathOf(path: string): string | null {
  const at = path.lastIndexOf('/children/');
  return at < 0 ? null : path.slice(0, at);
}

/** The indicator codes of a tree, depth first (the registry select offers the others). */
export function indicatorCodesOf(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const n = node as Node;
  return n.kind === 'indicator' ? [String(n.code ?? '')] : childrenOf(n).flatMap(indicatorCodesOf);
}

/** Every group of a tree as [pointer, name], depth first from the root at `path`. */
export function groupPathsOf(node: unknown, path = '/tree'): [string, string][] {
  if (typeof node !== 'object' || node === null || (node as Node).kind !== 'group') return [];
  const n = node as Node;
  return [
    [path, String(n.name ?? n.code ?? '')],
    ...childrenOf(n).flatMap((c, i) => groupPathsOf(c, `${path}/children/${i}`)),
  ];
}

/**
 * A registry indicator as a new leaf: weight 1, min–max, the passport's direction, unit and
 * periodicity, and a derived indicator's formula (the engine computes it from the node).
 */
export function indicatorNodeOf(indicator: {
  code: string;
  name: string;
  unit: string;
  periodicity: string;
  direction: string;
  formula: string | null;
}): Node {
  const periodic = ['monthly', 'quarterly', 'annual', 'on_date'].includes(indicator.periodicity);
  return {
    kind: 'indicator',
    code: indicator.code,
    name: indicator.name,
    weight: 1,
    direction: indicator.direction === 'lower_better' ? -1 : 1,
    normalisation: { method: 'min-max' },
    ...(indicator.formula ? { formula: indicator.formula } : {}),
    ...(periodic ? { passport: { unit: indicator.unit, periodicity: indicator.periodicity } } : {}),
  };
}

/** A new dimension (sub-index): weight 1, arithmetic mean, no children yet. */
export function groupNodeOf(code: string, name: string): Node {
  return { kind: 'group', code, name, weight: 1, aggregation: 'arithmetic', children: [] };
}

/** A copy of the draft with `node` appended to the children of the group at `parentPath`. */
export function withChildAdded(draft: Draft, parentPath: string, node: Node): Draft {
  const children = childrenOf(valueAt(draft, parentPath));
  return withValueAt(draft, `${parentPath}/children`, [...children, node]);
}

/**
 * Whether the node at `path` may be removed: any node but the root and the root's only child
 * (an index needs something to aggregate).
 */
export function isRemovable(draft: Draft, path: string): boolean {
  const parent = parentPathOf(path);
  if (parent === null || valueAt(draft, path) === undefined) return false;
  return parent !== '/tree' || childrenOf(valueAt(draft, parent)).length > 1;
}

/** A copy of the draft without the node at `path` and its children; unchanged when refused. */
export function withNodeRemoved(draft: Draft, path: string): Draft {
  const parent = parentPathOf(path);
  if (parent === null || !isRemovable(draft, path)) return draft;
  const index = Number(path.slice(path.lastIndexOf('/') + 1));
  const children = childrenOf(valueAt(draft, parent)).filter((_, i) => i !== index);
  return withValueAt(draft, `${parent}/children`, children);
}

/**
 * A copy of the draft with the node at `path` moved to the end of the group at `target`;
 * unchanged when the move is refused (into itself or its own subtree, to its own parent, or
 * taking the root's only child).
 */
export function withNodeMoved(draft: Draft, path: string, target: string): Draft {
  const node = valueAt(draft, path) as Node | undefined;
  const parent = parentPathOf(path);
  const into = valueAt(draft, target) as Node | undefined;
  if (!node || parent === null || into?.kind !== 'group') return draft;
  if (target === parent || target === path || target.startsWith(`${path}/`)) return draft;
  if (!isRemovable(draft, path)) return draft;
  // Append first, then remove: removing first would renumber the target when it follows.
  const appended = withChildAdded(draft, target, node);
  return withNodeRemoved(appended, path);
}

/** Where the node at `path` can move within its parent: [can move up, can move down]. */
export function shiftsOf(draft: Draft, path: string): [boolean, boolean] {
  const parent = parentPathOf(path);
  if (parent === null) return [false, false];
  const index = Number(path.slice(path.lastIndexOf('/') + 1));
  const count = childrenOf(valueAt(draft, parent)).length;
  return [index > 0, index < count - 1];
}

/**
 * A copy of the draft with the node at `path` swapped with its neighbour above (`by` −1) or
 * below (+1) within the same parent; unchanged at either end or for the root.
 */
export function withNodeShifted(draft: Draft, path: string, by: -1 | 1): Draft {
  const parent = parentPathOf(path);
  if (parent === null) return draft;
  const index = Number(path.slice(path.lastIndexOf('/') + 1));
  const children = [...childrenOf(valueAt(draft, parent))];
  const other = index + by;
  const here = children[index];
  const there = children[other];
  if (here === undefined || there === undefined) return draft;
  children[index] = there;
  children[other] = here;
  return withValueAt(draft, `${parent}/children`, children);
}
