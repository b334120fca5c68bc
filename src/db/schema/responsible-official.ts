import type { Generated } from 'kysely';

/** A person a municipality names as responsible for the rating's data or plan (not public). */
export interface ResponsibleOfficialTable {
  id: Generated<number>;
  municipality_id: number;
  full_name: string;
  position: string;
  /** What the person answers for, e.g. «регистрация в ЕСИА». */
  area: string;
  phone: string | null;
  email: string | null;
  created_at: string;
  created_by: string;
}
