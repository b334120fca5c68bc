import type { Generated } from 'kysely';

/** A failed login, counted per account and address pair, and per address for unknown names. */
export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  ip: string;
  failed_at: string;
  /** 1 when the name was an existing account's; only unknown names count against an address. */
  account_known: Generated<number>;
}
