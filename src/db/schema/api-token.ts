import type { Generated } from 'kysely';

/** A machine credential for imports; the secret is shown once and only its SHA-256 is kept. */
export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  /** The first characters of the secret, to tell tokens apart in lists. */
  prefix: string;
  /** JSON array of scopes, e.g. `["import"]`. */
  scopes: string;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
