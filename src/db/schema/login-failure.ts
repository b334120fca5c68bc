import type { Generated } from 'kysely';

/** A failed login, counted per account and per address for throttling. */
export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  ip: string;
  failed_at: string;
}
