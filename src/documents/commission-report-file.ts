import type { CommissionReport } from '../domain/commission-report.js';
import { commissionDocx } from './commission-docx.js';
import { commissionNote } from './commission-note.js';
import { commissionPdf } from './commission-pdf.js';

export const COMMISSION_FORMATS = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
export type CommissionFormat = keyof typeof COMMISSION_FORMATS;

/** The briefing note's file name for a meeting: «Справка к заседанию комиссии 2017-04-10.docx». */
export const commissionFileName = (meetingDate: string, format: CommissionFormat) =>
  `Справка к заседанию комиссии ${meetingDate}.${format}`;

/** The briefing note for the commission as a DOCX or PDF file. */
export function commissionReportFile(
  report: CommissionReport,
  format: CommissionFormat,
): Promise<Buffer> {
  const note = commissionNote(report);
  return format === 'docx' ? commissionDocx(note) : commissionPdf(note);
}
