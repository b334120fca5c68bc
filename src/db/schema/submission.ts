import type { Generated } from 'kysely';
import type { SubmissionStatus } from '../../domain/entry-form.js';

/** The workflow state of one municipality's data for one reporting period (a form). */
export interface SubmissionTable {
  id: Generated<number>;
  municipality_id: number;
  /** The form's period: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
  period: string;
  status: SubmissionStatus;
  /** The comment of the last transition (e.g. why the data was returned). */
  comment: string | null;
  /** When the data was last submitted (null until the first submission). */
  submitted_at: string | null;
  updated_at: string;
  updated_by: string;
}

/** Append-only history of transitions: from → to, who, when, why. */
export interface SubmissionEventTable {
  id: Generated<number>;
  submission_id: number;
  from_status: SubmissionStatus | null;
  to_status: SubmissionStatus;
  actor: string;
  at: string;
  comment: string | null;
}

/** A reporting deadline: the data of a form's period are due by this date (inclusive). */
export interface ReportingDeadlineTable {
  id: Generated<number>;
  region_id: number;
  period: string;
  /** ISO date `YYYY-MM-DD`. */
  due_date: string;
  created_at: string;
  created_by: string;
}
