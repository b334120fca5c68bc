import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'];

const fromPool = AjvCompiler();

/**
 * Requests are validated as Fastify does, with one change: a JSON body is read as sent. Type
 * coercion stays on for the query string, the path and the headers, which arrive as text, but
 * in a body it turned values into others: a field left empty (null) into 0 when the schema
 * tries the number first, and an entered 0 into null when it tries null first. A body whose
 * value has the wrong type is refused with a message naming the field instead.
 */
export const buildRequestValidator: ValidatorFactory = (externalSchemas, ajvOptions) => {
  const options = ajvOptions ?? { customOptions: {}, plugins: [] };
  const coercing = fromPool(externalSchemas, options);
  // The application never sets JTD mode: its schemas are JSON Schema (TypeBox).
  const exact = fromPool(externalSchemas, {
    plugins: options.plugins,
    onCreate: options.onCreate,
    customOptions: { ...(options.customOptions as object), coerceTypes: false },
  });
  return (route) => (route.httpPart === 'body' ? exact(route) : coercing(route));
};
