import type { Generated } from 'kysely';

export interface RegionTable {
  id: Generated<number>;
  code: string;
  name: string;
  created_at: string;
}
