import type { Role, TokenScope } from '../../../domain/access.js';
import { accessDenied, authenticationRequired } from './access-errors.js';
import type { Actor } from './actor.js';

/**
 * Everything the application lets someone do. Services call `authorize` with one of these
 * before they read or write; routes never decide on their own.
 */
export const ACTIONS = [
  'published.read',
  'municipality-data.read',
  'municipality-data.write',
  'import.write',
  'reference.write',
  'data.approve',
  'rating.compute',
  'rating.publish',
  'methodology.manage',
  'accounts.manage',
  'tokens.manage',
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/** `any`: every municipality; `own`: only the municipalities the official is bound to. */
type Reach = 'any' | 'own';
type Principal = Role | 'anonymous';

interface Rule {
  roles: Partial<Record<Principal, Reach>>;
  /** Token scopes that grant the action (always for any municipality: tokens are the region's). */
  scopes: TokenScope[];
}

/**
 * The policy: action × role × ownership. A municipality official reads and writes only the
 * own municipality's unpublished data; analysts approve, compute and publish; only
 * administrators manage accounts, tokens, methodology and read the audit trail; viewers read.
 */
export const POLICY: Record<Action, Rule> = {
  'published.read': {
    roles: {
      anonymous: 'any',
      viewer: 'any',
      official: 'any',
      analyst: 'any',
      administrator: 'any',
    },
    scopes: ['read', 'import'],
  },
  'municipality-data.read': {
    roles: { viewer: 'any', official: 'own', analyst: 'any', administrator: 'any' },
    scopes: ['read'],
  },
  'municipality-data.write': {
    roles: { official: 'own', analyst: 'any', administrator: 'any' },
    scopes: [],
  },
  'import.write': {
    roles: { official: 'own', analyst: 'any', administrator: 'any' },
    scopes: ['import'],
  },
  // Population and targets are denominators and yardsticks of the rating itself: an official
  // who could change them could move the own municipality up, so only the department (and
  // the region's import tokens) writes them.
  'reference.write': { roles: { analyst: 'any', administrator: 'any' }, scopes: ['import'] },
  'data.approve': { roles: { analyst: 'any', administrator: 'any' }, scopes: [] },
  'rating.compute': { roles: { analyst: 'any', administrator: 'any' }, scopes: [] },
  'rating.publish': { roles: { analyst: 'any', administrator: 'any' }, scopes: [] },
  'methodology.manage': { roles: { administrator: 'any' }, scopes: [] },
  'accounts.manage': { roles: { administrator: 'any' }, scopes: [] },
  'tokens.manage': { roles: { administrator: 'any' }, scopes: [] },
  'audit.read': { roles: { administrator: 'any' }, scopes: [] },
};

export interface Resource {
  /** The municipality the data belongs to; omit for region-wide actions. */
  municipalityId?: number;
  entityType?: string;
  entityId?: string | number | null;
}

/** Whether `actor` may do `action` on `resource`; pure, for tests and for the UI's hints. */
export function isAllowed(actor: Actor, action: Action, resource: Resource = {}): boolean {
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
export function authorize(actor: Actor, action: Action, resource: Resource = {}): void {
  if (isAllowed(actor, action, resource)) return;
  const entity = {
    ...(resource.entityType === undefined ? {} : { entityType: resource.entityType }),
    entityId:
      resource.entityId === undefined || resource.entityId === null
        ? null
        : String(resource.entityId),
  };
  if (actor.kind === 'anonymous') {
    const error = authenticationRequired(action);
    if (error.audit) Object.assign(error.audit, entity);
    throw error;
  }
  const message =
    resource.municipalityId !== undefined &&
    actor.kind === 'user' &&
    POLICY[action].roles[actor.role] === 'own'
      ? 'Нет доступа к данным этого муниципального образования: вы работаете только с данными своего ОМСУ.'
      : 'Недостаточно прав для этого действия.';
  throw accessDenied(action, message, entity);
}

/** Throws 401 unless someone is signed in (a person or a token); returns the actor for chaining. */
export function requireSignedIn(actor: Actor, action: string): Actor {
  if (actor.kind === 'anonymous') throw authenticationRequired(action);
  return actor;
}
