/**
 * Errors of access control. Each carries the HTTP status and a stable code; the app's error
 * handler sends `{ error: code, message }` and the access hooks record denials in the audit trail.
 */
export class AccessError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    /** What was attempted, for the audit trail. */
    readonly audit: { action: string; entityType?: string; entityId?: string | null } | null = null,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

export const authenticationRequired = (action: string | null = null) =>
  new AccessError(
    401,
    'unauthenticated',
    'Требуется вход в систему.',
    action === null ? null : { action },
  );

export const accessDenied = (
  action: string,
  message = 'Недостаточно прав для этого действия.',
  entity: { entityType?: string; entityId?: string | null } = {},
) => new AccessError(403, 'forbidden', message, { action, ...entity });

export class ThrottledError extends AccessError {
  constructor(readonly retryAfterSeconds: number) {
    const wait =
      retryAfterSeconds < 60
        ? `${retryAfterSeconds} с`
        : `${Math.ceil(retryAfterSeconds / 60)} мин.`;
    super(
      429,
      'too_many_attempts',
      `Слишком много неудачных попыток входа. Вход временно заблокирован: повторите через ${wait}`,
    );
  }
}

/** A request the service understood and refused on its merits (400, 404, 409), with a Russian message. */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    /** Where in the sent document each problem is (JSON Pointer), for forms to show beside a field. */
    readonly fields: readonly { path: string; message: string }[] | null = null,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
