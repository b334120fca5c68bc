import { Type } from 'typebox';

/** The body of every error answer: a stable code for programs and a Russian message for people. */
export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() });

/** An error about a sent document: each problem with the JSON Pointer of its field. */
export const FieldErrorBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  fields: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

export class NotFoundError extends Error {
  readonly statusCode = 404;
}
