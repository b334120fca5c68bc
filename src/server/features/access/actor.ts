import type { Role, TokenScope } from '../../../domain/access.js';

/** Who is making a request, as the services see it. */
export type Actor =
  | { kind: 'anonymous'; presentedInvalidSession: boolean }
  | {
      kind: 'user';
      userId: number;
      username: string;
      role: Role;
      /** Municipalities an official speaks for; empty for other roles. */
      municipalityIds: number[];
      mustChangePassword: boolean;
      sessionIdHash: string | null;
    }
  | { kind: 'token'; tokenId: number; name: string; scopes: TokenScope[] }
  /** The command line on the server: whoever can run it already holds the database. */
  | { kind: 'system'; label: string };

export const ANONYMOUS: Actor = { kind: 'anonymous', presentedInvalidSession: false };

/** How the audit trail names an actor. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'anonymous':
      return 'аноним';
    case 'user':
      return actor.username;
    case 'token':
      return `токен «${actor.name}»`;
    case 'system':
      return actor.label;
  }
}

export const actorUserId = (actor: Actor): number | null =>
  actor.kind === 'user' ? actor.userId : null;
