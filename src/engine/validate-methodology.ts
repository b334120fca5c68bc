import { Type } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import {
  AggregationMethod,
  IndicatorNode,
  Methodology,
  Normalisation,
} from '../domain/methodology.js';
import { checkMethodologyRules } from './check-methodology-rules.js';
import { type MethodologyError, translateSchemaErrors } from './translate-schema-errors.js';

export type { MethodologyError } from './translate-schema-errors.js';

const Strict = { additionalProperties: false } as const;
const TopLevelShape = Type.Object({ ...Methodology.properties, tree: Type.Unknown() }, Strict);
const IndicatorShape = Type.Object(
  { ...IndicatorNode.properties, normalisation: Type.Unknown() },
  Strict,
);
const GroupShape = Type.Object(
  {
    kind: Type.Literal('group'),
    code: IndicatorNode.properties.code,
    name: IndicatorNode.properties.name,
    weight: IndicatorNode.properties.weight,
    aggregation: AggregationMethod,
    children: Type.Array(Type.Unknown(), { minItems: 1 }),
  },
  Strict,
);
const NormalisationShapes = new Map<unknown, Type.TSchema>(
  Normalisation.anyOf.map((schema) => [schema.properties.method.const, schema]),
);

/**
 * The schema's errors at `path`, none when it holds. Each schema is compiled to a checking
 * function at its first use: walking a 60-indicator tree with the interpreting checker took
 * 25 ms of every computation.
 */
const compiled = new Map<Type.TSchema, Validator>();
function schemaErrors(schema: Type.TSchema, value: unknown, path: string): MethodologyError[] {
  let validator = compiled.get(schema);
  if (validator === undefined) {
    validator = Compile(schema) as Validator;
    compiled.set(schema, validator);
  }
  return validator.Check(value) ? [] : translateSchemaErrors(validator.Errors(value), path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one node's own fields, choosing the schema by `kind` and `method` so a mistake is reported once, not per union branch. */
function checkNodeShape(node: unknown, path: string, errors: MethodologyError[]): void {
  if (!isRecord(node)) {
    errors.push({ path, message: 'узел дерева должен быть объектом' });
    return;
  }
  if (node.kind === 'group') {
    errors.push(...schemaErrors(GroupShape, node, path));
    if (Array.isArray(node.children)) {
      node.children.forEach((child, i) => {
        checkNodeShape(child, `${path}/children/${i}`, errors);
      });
    }
  } else if (node.kind === 'indicator') {
    errors.push(...schemaErrors(IndicatorShape, node, path));
    const norm = node.normalisation;
    if (!isRecord(norm)) return;
    const shape = NormalisationShapes.get(norm.method);
    if (!shape) {
      const allowed = [...NormalisationShapes.keys()].map((m) => `«${String(m)}»`).join(', ');
      errors.push({
        path: `${path}/normalisation/method`,
        message: `неизвестный метод нормировки; допустимы: ${allowed}`,
      });
      return;
    }
    errors.push(...schemaErrors(shape, norm, `${path}/normalisation`));
  } else {
    errors.push({
      path: `${path}/kind`,
      message: 'тип узла должен быть "group" (индекс, измерение) или "indicator"',
    });
  }
}

/**
 * Validates a methodology document: the JSON shape (TypeBox schema in src/domain) and the
 * rules a schema cannot express (unique codes, positive weight sums, lo < hi, ascending
 * thresholds, formulas). Errors carry JSON Pointer paths and Russian messages, to be shown
 * as `${path}: ${message}`.
 *
 * @example
 * const r = validateMethodology(JSON.parse(text));
 * if (!r.ok) console.log(r.errors.map((e) => `${e.path}: ${e.message}`));
 */
export function validateMethodology(
  json: unknown,
): { ok: true; methodology: Methodology } | { ok: false; errors: MethodologyError[] } {
  if (!isRecord(json))
    return { ok: false, errors: [{ path: '', message: 'методика должна быть JSON-объектом' }] };
  const errors = schemaErrors(TopLevelShape, json, '');
  if ('tree' in json) {
    checkNodeShape(json.tree, '/tree', errors);
    if (isRecord(json.tree) && json.tree.kind === 'indicator') {
      errors.push({
        path: '/tree/kind',
        message: 'корень дерева должен быть индексом (kind: "group")',
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  // Shape is sound past this point; the cast is re-checked by the full schema just below.
  const methodology = json as Methodology;
  errors.push(...checkMethodologyRules(methodology));
  if (errors.length === 0) errors.push(...schemaErrors(Methodology, json, ''));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, methodology };
}
