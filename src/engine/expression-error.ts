/**
 * A formula that cannot be read. `position` is 1-based, counted in characters, so the UI can
 * point at the culprit; the message is in Russian for the analyst.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}
