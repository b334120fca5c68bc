import type { MethodologyNode } from './methodology.js';

export interface FieldProblem {
  /** JSON Pointer into the methodology document. */
  path: string;
  message: string;
}

/**
 * The indicator nodes of a tree whose code the region's registry does not know. A node with a
 * formula is derived within the methodology and needs no passport of its own.
 *
 * @example unregisteredIndicators(tree, new Set(['esia_new'])) // → [{ path: '/tree/children/1/code', … }]
 */
export function unregisteredIndicators(
  node: MethodologyNode,
  registered: ReadonlySet<string>,
  path = '/tree',
): FieldProblem[] {
  if (node.kind === 'group')
    return node.children.flatMap((child, i) =>
      unregisteredIndicators(child, registered, `${path}/children/${i}`),
    );
  if (node.formula || registered.has(node.code)) return [];
  return [
    {
      path: `${path}/code`,
      message: `показателя «${node.code}» нет в реестре показателей: добавьте его паспорт или исправьте код`,
    },
  ];
}
