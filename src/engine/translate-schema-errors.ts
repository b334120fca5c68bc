import type { TLocalizedValidationError } from 'typebox/error';

export interface MethodologyError {
  /** JSON Pointer into the methodology document, e.g. "/tree/children/1/weight". */
  path: string;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'строкой',
  number: 'числом',
  integer: 'целым числом',
  boolean: 'логическим значением (true/false)',
  object: 'объектом',
  array: 'массивом',
  null: 'null',
};

const PATTERN_HINTS: Record<string, string> = {
  effectiveFrom: 'период должен иметь вид «2022» или «2017-01»',
  colour: 'цвет должен иметь вид #RRGGBB, например #2e7d32',
};

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function translate(error: TLocalizedValidationError, path: string): MethodologyError | null {
  const field = lastSegment(path);
  if (field === 'weight' && ['type', 'minimum'].includes(error.keyword)) {
    return { path, message: 'вес должен быть неотрицательным числом' };
  }
  switch (error.keyword) {
    case 'type': {
      const type = String((error.params as { type?: unknown }).type);
      return { path, message: `значение должно быть ${TYPE_NAMES[type] ?? type}` };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const { limit } = error.params as { limit: number };
      const words = {
        minimum: 'не меньше',
        exclusiveMinimum: 'больше',
        maximum: 'не больше',
        exclusiveMaximum: 'меньше',
      }[error.keyword];
      return { path, message: `значение должно быть ${words} ${limit}` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path,
        message: `допустимые значения: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    }
    case 'const': {
      const allowed = (error.params as { allowedValue: unknown }).allowedValue;
      return { path, message: `значение должно быть ${JSON.stringify(allowed)}` };
    }
    case 'minLength':
      return { path, message: 'значение не может быть пустым' };
    case 'minItems':
      if (field === 'children')
        return {
          path,
          message: 'в узле нет ни одного показателя: добавьте показатель или удалите узел',
        };
      return {
        path,
        message: `нужен хотя бы ${(error.params as { limit: number }).limit} элемент`,
      };
    case 'pattern':
      return { path, message: PATTERN_HINTS[field] ?? 'значение имеет неверный формат' };
    default:
      return { path, message: error.message };
  }
}

/**
 * Turns TypeBox errors into Russian messages with JSON Pointer paths under `basePath`.
 * Union bookkeeping errors ("anyOf", "schema is false") are dropped: the concrete error
 * next to them says more.
 *
 * @example translateSchemaErrors(Value.Errors(T, v), '/tree') // [{ path: '/tree/weight', message: '…' }]
 */
export function translateSchemaErrors(
  errors: readonly TLocalizedValidationError[],
  basePath: string,
): MethodologyError[] {
  const out: MethodologyError[] = [];
  for (const error of errors) {
    const path = `${basePath}${error.instancePath}`;
    if (error.keyword === 'anyOf' || error.keyword === 'boolean') continue;
    if (error.keyword === 'required') {
      for (const p of (error.params as { requiredProperties: string[] }).requiredProperties) {
        out.push({ path: `${path}/${p}`, message: 'обязательное поле отсутствует' });
      }
      continue;
    }
    if (error.keyword === 'additionalProperties') {
      for (const p of (error.params as { additionalProperties: string[] }).additionalProperties) {
        out.push({ path: `${path}/${p}`, message: 'неизвестное поле' });
      }
      continue;
    }
    const translated = translate(error, path);
    if (translated) out.push(translated);
  }
  return out;
}
