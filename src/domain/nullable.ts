import { Type } from 'typebox';

/**
 * A value or null. JSON bodies are validated as sent (`src/server/request-validator.ts`), so
 * the order of the branches does not matter there; in a query string, which is coerced from
 * text, null first reads an empty `?x=` as null rather than 0.
 *
 * @example Nullable(Type.Number()) // accepts 3 and null
 */
export const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
