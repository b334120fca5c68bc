import type { DialectName } from '../connect.js';

/** What a backup file says about the data it holds; written as one JSON line before the data. */
export interface BackupManifest {
  format: 'munirank-backup';
  version: 1;
  /** Which database the data comes from and can go back into. */
  dialect: DialectName;
  /** `sqlite-file` (a copy made by VACUUM INTO) or `pg_dump-custom` (pg_dump -Fc). */
  payload: 'sqlite-file' | 'pg_dump-custom';
  createdAt: string;
  /** The last migration applied to the data: the schema version. */
  schemaVersion: string;
  /** Rows in each table of the copy, counted in the same snapshot that was copied. */
  rowCounts: Record<string, number>;
  /** Each rating snapshot's stored content hash, by id. */
  snapshotHashes: Record<string, string>;
  /** Length and SHA-256 of the data after the header. */
  dataBytes: number;
  dataSha256: string;
}

/** The first line of every backup file. */
export const BACKUP_MAGIC = 'MUNIRANK-BACKUP 1';
