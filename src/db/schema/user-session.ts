/** A server-side session. Only the SHA-256 of the cookie's random id is stored. */
export interface UserSessionTable {
  id_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry, however active the session is. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}
