/** One schema problem as Fastify's validator reports it (Ajv's error object). */
export interface SchemaProblem {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const PART: Record<string, string> = {
  body: 'тело запроса',
  querystring: 'параметры адреса',
  params: 'адрес',
  headers: 'заголовки',
};

const TYPES: Record<string, string> = {
  string: 'строкой',
  number: 'числом',
  integer: 'целым числом',
  boolean: 'true или false',
  object: 'объектом',
  array: 'списком',
  null: 'null',
};

const typeWords = (type: unknown) =>
  String(type)
    .split(',')
    .map((t) => TYPES[t] ?? t)
    .join(' или ');

/** What is wrong with the value, in Russian, from Ajv's keyword and parameters. */
function wrong(p: SchemaProblem): string {
  const n = p.params.limit;
  switch (p.keyword) {
    case 'required':
      return 'обязательное поле не передано';
    case 'type':
      return `должно быть ${typeWords(p.params.type)}`;
    case 'minLength':
      return n === 1 ? 'не должно быть пустым' : `не короче ${n} символов`;
    case 'maxLength':
      return `не длиннее ${n} символов`;
    case 'minimum':
      return `не меньше ${n}`;
    case 'maximum':
      return `не больше ${n}`;
    case 'exclusiveMinimum':
      return `больше ${n}`;
    case 'exclusiveMaximum':
      return `меньше ${n}`;
    case 'minItems':
      return `не меньше ${n} элементов`;
    case 'maxItems':
      return `не больше ${n} элементов`;
    case 'pattern':
    case 'format':
      return 'не в том формате';
    case 'additionalProperties':
      return `лишнее поле «${String(p.params.additionalProperty)}»`;
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return 'недопустимое значение';
    default:
      return `не проходит проверку (${p.keyword})`;
  }
}

/**
 * The Russian message for a request that does not match its schema, naming the field: the
 * first problem, as Fastify stops at the first.
 *
 * @example russianValidationMessage([{ instancePath: '', keyword: 'required', params: { missingProperty: 'asOf' } }], 'body')
 * // 'Поле «asOf»: обязательное поле не передано.'
 */
export function russianValidationMessage(problems: SchemaProblem[], context: string): string {
  const p = problems[0];
  if (!p) return `Запрос не прошёл проверку (${PART[context] ?? context}).`;
  const path = p.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = p.keyword === 'required' ? String(p.params.missingProperty) : '';
  const field = [path, missing].filter((s) => s !== '').join('.');
  const where = field === '' ? (PART[context] ?? context) : `Поле «${field}»`;
  return `${where}: ${wrong(p)}.`;
}
