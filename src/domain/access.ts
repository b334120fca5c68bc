import { Type } from 'typebox';
import { MunicipalityRef } from './municipality.js';
import { Nullable } from './nullable.js';

/** Roles of signed-in people. The public (no account) reads published material only. */
export const ROLES = ['administrator', 'analyst', 'official', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'администратор',
  analyst: 'аналитик',
  official: 'представитель ОМСУ',
  viewer: 'наблюдатель',
};

export const RoleSchema = Type.Union([
  Type.Literal('administrator'),
  Type.Literal('analyst'),
  Type.Literal('official'),
  Type.Literal('viewer'),
]);

/** Scopes of API tokens for machine access from source systems. */
export const TOKEN_SCOPES = ['import', 'read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  import: 'загрузка данных',
  read: 'чтение неопубликованных данных',
};
export const TokenScopeSchema = Type.Union([Type.Literal('import'), Type.Literal('read')]);

/**
 * Everything the application lets someone do. The server's services check one of these before
 * they read or write; the web derives what each role is offered from the same table.
 */
export const PERMISSIONS = [
  'published.read',
  'municipality-data.read',
  'municipality-data.write',
  'import.write',
  'reference.write',
  'data.approve',
  'summaries.read',
  'rating.compute',
  'rating.publish',
  'methodology.manage',
  'boundaries.manage',
  'registry.manage',
  'indicators.manage',
  'accounts.manage',
  'tokens.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `any`: every municipality; `own`: only the municipalities the official is bound to. */
export type Reach = 'any' | 'own';
type Principal = Role | 'anonymous';

interface Rule {
  roles: Partial<Record<Principal, Reach>>;
  /** Token scopes that grant the action (always for any municipality: tokens are the region's). */
  scopes: TokenScope[];
}

/**
 * The policy: permission × role × ownership. A municipality official reads and writes only
 * the own municipality's unpublished data; analysts approve, compute and publish; only
 * administrators manage accounts, tokens, methodology and read the audit trail; viewers (the
 * commission) read, including the summaries the department makes for them.
 */
export const POLICY: Record<Permission, Rule> = {
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
  // Region-wide summaries of every municipality's unpublished reports: the commission's
  // reading, not an official's (who sees only the own municipality).
  'summaries.read': {
    roles: { viewer: 'any', analyst: 'any', administrator: 'any' },
    scopes: ['read'],
  },
  'rating.compute': { roles: { analyst: 'any', administrator: 'any' }, scopes: [] },
  'rating.publish': { roles: { analyst: 'any', administrator: 'any' }, scopes: [] },
  // Analysts adopt methodology versions: they answer for the rating's method.
  'methodology.manage': { roles: { analyst: 'any', administrator: 'any' }, scopes: [] },
  'boundaries.manage': { roles: { administrator: 'any' }, scopes: [] },
  // Which units exist, merge or close decides what every rating ranks: the administrator's.
  'registry.manage': { roles: { administrator: 'any' }, scopes: [] },
  // Indicator passports and formulas are the analysts' working material, as data sets are.
  'indicators.manage': { roles: { analyst: 'any', administrator: 'any' }, scopes: [] },
  'accounts.manage': { roles: { administrator: 'any' }, scopes: [] },
  'tokens.manage': { roles: { administrator: 'any' }, scopes: [] },
  'audit.read': { roles: { administrator: 'any' }, scopes: [] },
};

/**
 * How far a role's permission reaches, or null when the role lacks it: the web offers a page
 * to a role whose permission reaches anything (an official's `own` included).
 *
 * @example reachOf('viewer', 'import.write') === null; reachOf('official', 'import.write') === 'own'
 */
export function reachOf(role: Role | 'anonymous', permission: Permission): Reach | null {
  return POLICY[permission].roles[role] ?? null;
}

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AuditOutcomeSchema = Type.Union([
  Type.Literal('allowed'),
  Type.Literal('denied'),
  Type.Literal('failed'),
]);
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  allowed: 'выполнено',
  denied: 'отказано',
  failed: 'ошибка',
};

export const Username = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$' });
/** Bounded so that hashing cost stays bounded; the policy's minimum is checked in the service. */
export const Password = Type.String({ minLength: 1, maxLength: 256 });

export const SessionUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  municipalities: Type.Array(MunicipalityRef),
  mustChangePassword: Type.Boolean(),
});
export type SessionUser = Type.Static<typeof SessionUser>;

/** `GET /api/session`: who is signed in and the CSRF token for state-changing requests. */
export const SessionView = Type.Union([
  Type.Object({ authenticated: Type.Literal(false) }),
  Type.Object({
    authenticated: Type.Literal(true),
    user: SessionUser,
    csrfToken: Type.String(),
    idleTimeoutMinutes: Type.Integer(),
    expiresAt: Type.String(),
  }),
]);
export type SessionView = Type.Static<typeof SessionView>;

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  municipalities: Type.Array(MunicipalityRef),
  mustChangePassword: Type.Boolean(),
  isDemo: Type.Boolean(),
  createdAt: Type.String(),
  lastLoginAt: Nullable(Type.String()),
});
export type UserView = Type.Static<typeof UserView>;

export const NewUser = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    municipalityCodes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,100}$' }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false },
);
export type NewUser = Type.Static<typeof NewUser>;

/** A password made by the system: shown once, to be changed at first login. */
export const OneTimePassword = Type.Object({ user: UserView, oneTimePassword: Type.String() });
export type OneTimePassword = Type.Static<typeof OneTimePassword>;

export const ApiTokenView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(TokenScopeSchema),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
export type ApiTokenView = Type.Static<typeof ApiTokenView>;

export const AuditEventView = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  actor: Type.String(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  action: Type.String(),
  entityType: Nullable(Type.String()),
  entityId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  outcome: AuditOutcomeSchema,
  detail: Nullable(Type.String()),
});
export type AuditEventView = Type.Static<typeof AuditEventView>;

export const AuditQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    outcome: Type.Optional(AuditOutcomeSchema),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Type.Static<typeof AuditQuery>;

export const ResponsibleOfficial = Type.Object({
  id: Type.Integer(),
  municipality: MunicipalityRef,
  fullName: Type.String(),
  position: Type.String(),
  area: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
});
export type ResponsibleOfficial = Type.Static<typeof ResponsibleOfficial>;

export const NewResponsibleOfficial = Type.Object(
  {
    municipalityCode: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }),
    fullName: Type.String({ minLength: 1, maxLength: 300 }),
    position: Type.String({ minLength: 1, maxLength: 300 }),
    area: Type.String({ minLength: 1, maxLength: 500 }),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type NewResponsibleOfficial = Type.Static<typeof NewResponsibleOfficial>;

/**
 * Whether a role has a permission at all (an official's reach to the own municipality
 * counts): what the web offers each role, from the table the server enforces.
 *
 * @example roleMay('viewer', 'summaries.read') === true; roleMay('viewer', 'import.write') === false
 */
export const roleMay = (role: Role, permission: Permission): boolean =>
  reachOf(role, permission) !== null;
