import { Type } from 'typebox';

/** The body of every error answer: a stable code for programs and a Russian message for people. */
export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() });

export class NotFoundError extends Error {
  readonly statusCode = 404;
}
