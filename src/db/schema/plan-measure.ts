import type { Generated } from 'kysely';
import type { MeasureStatus } from '../../domain/plan-measure.js';

/** Whether a municipality's plan of measures for a year is approved (then officials only report). */
export interface MeasurePlanTable {
  id: Generated<number>;
  municipality_id: number;
  year: number;
  approved: number;
  updated_at: string;
  updated_by: string;
}

/** A measure (мероприятие) of a municipality's plan for a year. */
export interface PlanMeasureTable {
  id: Generated<number>;
  municipality_id: number;
  year: number;
  title: string;
  /** The responsible official chosen from the municipality's list, or null for free text. */
  responsible_official_id: number | null;
  responsible_name: string;
  responsible_position: string;
  /** ISO date. */
  deadline: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** The report on a measure for one quarter. */
export interface MeasureReportTable {
  id: Generated<number>;
  measure_id: number;
  quarter: number;
  status: MeasureStatus;
  comment: string | null;
  updated_at: string;
  updated_by: string;
}

/** A file attached to a quarterly report; the bytes live in the row (bytea / blob). */
export interface MeasureAttachmentTable {
  id: Generated<number>;
  report_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: string;
  uploaded_by: string;
}
