import type { Generated } from 'kysely';
import type { Role } from '../../domain/access.js';

/** A person who signs in. `password_hash` is a self-describing scrypt string (params + salt). */
export interface UserAccountTable {
  id: Generated<number>;
  /** The login, lower case. */
  username: string;
  display_name: string;
  role: Role;
  status: 'active' | 'disabled';
  password_hash: string;
  /** 1 for a one-time password: everything but changing it is refused until it is changed. */
  must_change_password: number;
  /** 1 for the documented demo accounts (created only in demo mode). */
  is_demo: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string | null;
  last_login_at: string | null;
}

/** The municipalities a municipality official speaks for. */
export interface UserMunicipalityTable {
  user_id: number;
  municipality_id: number;
}
