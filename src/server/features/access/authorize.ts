import { type Permission, POLICY } from '../../../domain/access.js';
import { accessDenied, authenticationRequired } from './access-errors.js';
import type { Actor } from './actor.js';

export interface Resource {
  /** The municipality the data belongs to; omit for region-wide actions. */
  municipalityId?: number;
  entityType?: string;
  entityId?: string | number | null;
  /**
   * What was attempted, as the audit trail names a denial (`measure-summary.read`): a
   * permission such as `data.approve` guards several things and would not say which.
   */
  attempt?: string;
}

/** Whether `actor` may do `action` on `resource`; pure, for tests and for the UI's hints. */
export function isAllowed(actor: Actor, action: Permission, resource: Resource = {}): boolean {
  const rule = POLICY[action];
  switch (actor.kind) {
    case 'system':
      return true;
    case 'token':
      return actor.scopes.some((s) => rule.scopes.includes(s));
    case 'anonymous':
      return rule.roles.anonymous !== undefined;
    case 'user': {
      if (actor.mustChangePassword) return false;
      const reach = rule.roles[actor.role];
      if (reach === undefined) return false;
      if (reach === 'any' || resource.municipalityId === undefined) return reach === 'any';
      return actor.municipalityIds.includes(resource.municipalityId);
    }
  }
}

/**
 * Throws unless `actor` may do `action` on `resource`: 401 for the anonymous public, 403 for
 * everyone else. The thrown error names the action and entity for the audit trail.
 */
export function authorize(actor: Actor, action: Permission, resource: Resource = {}): void {
  if (isAllowed(actor, action, resource)) return;
  const entity = {
    ...(resource.entityType === undefined ? {} : { entityType: resource.entityType }),
    entityId:
      resource.entityId === undefined || resource.entityId === null
        ? null
        : String(resource.entityId),
  };
  const attempted = resource.attempt ?? action;
  if (actor.kind === 'anonymous') {
    const error = authenticationRequired(attempted);
    if (error.audit) Object.assign(error.audit, entity);
    throw error;
  }
  const message =
    resource.municipalityId !== undefined &&
    actor.kind === 'user' &&
    POLICY[action].roles[actor.role] === 'own'
      ? 'Нет доступа к данным этого муниципального образования: вы работаете только с данными своего ОМСУ.'
      : 'Недостаточно прав для этого действия.';
  throw accessDenied(attempted, message, entity);
}

/** Throws 401 unless someone is signed in (a person or a token); returns the actor for chaining. */
export function requireSignedIn(actor: Actor, action: string): Actor {
  if (actor.kind === 'anonymous') throw authenticationRequired(action);
  return actor;
}
