import { Type } from 'typebox';

/**
 * A value or null, null tried first. The server validates requests with type coercion on
 * (query strings arrive as text), and a union tried in order coerces in its first branch: with
 * the number first, a null in a body — a field left empty in a form — would be read as 0 and
 * stored. `test/http/nullable-request-fields.test.ts` checks every route's request schema.
 *
 * @example Nullable(Type.Number()) // accepts 3 and null; null stays null
 */
export const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
