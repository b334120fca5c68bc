import type { ApiTokenTable } from './api-token.js';
import type { AppSettingTable } from './app-setting.js';
import type { AuditEventTable } from './audit-event.js';
import type { CrosscheckResolutionTable, CrosscheckToleranceTable } from './crosscheck.js';
import type { DataSetDeadlineTable, DataSetIndicatorTable, DataSetTable } from './data-set.js';
import type { ImportBatchTable } from './import-batch.js';
import type { ImportJobSlotTable } from './import-job-slot.js';
import type { ImportMappingTable } from './import-mapping.js';
import type { IndicatorTable, IndicatorVersionTable } from './indicator.js';
import type { IndicatorAliasTable } from './indicator-alias.js';
import type { LoginFailureTable } from './login-failure.js';
import type { MethodologyTable } from './methodology.js';
import type { MunicipalityTable } from './municipality.js';
import type { MunicipalityAliasTable } from './municipality-alias.js';
import type { ObservationRevisionTable, ObservationTable } from './observation.js';
import type {
  PlanReportTable,
  PlanRuleTable,
  PlanTargetTable,
  PrintedFigureTable,
} from './plan.js';
import type {
  MeasureAttachmentTable,
  MeasurePlanTable,
  MeasureReportTable,
  PlanMeasureTable,
} from './plan-measure.js';
import type {
  RatingSnapshotTable,
  SnapshotPlacesTable,
  SnapshotPublicationTable,
} from './rating-snapshot.js';
import type { ReferenceRevisionTable, ReferenceValueTable } from './reference-value.js';
import type { RegionTable } from './region.js';
import type { RegionBoundariesTable } from './region-boundaries.js';
import type { ResponsibleOfficialTable } from './responsible-official.js';
import type { SnapshotReviewTable } from './snapshot-review.js';
import type { SnapshotUncertaintyTable } from './snapshot-uncertainty.js';
import type {
  ReportingDeadlineTable,
  SubmissionEventTable,
  SubmissionTable,
} from './submission.js';
import type { MunicipalityGroupTable, UnitGroupTable } from './unit-group.js';
import type { UserAccountTable, UserMunicipalityTable } from './user-account.js';
import type { UserSessionTable } from './user-session.js';

export interface Database {
  import_job_slot: ImportJobSlotTable;
  app_setting: AppSettingTable;
  region: RegionTable;
  municipality: MunicipalityTable;
  municipality_alias: MunicipalityAliasTable;
  unit_group: UnitGroupTable;
  municipality_group: MunicipalityGroupTable;
  reference_value: ReferenceValueTable;
  reference_revision: ReferenceRevisionTable;
  indicator: IndicatorTable;
  indicator_version: IndicatorVersionTable;
  indicator_alias: IndicatorAliasTable;
  observation: ObservationTable;
  observation_revision: ObservationRevisionTable;
  crosscheck_tolerance: CrosscheckToleranceTable;
  crosscheck_resolution: CrosscheckResolutionTable;
  methodology: MethodologyTable;
  rating_snapshot: RatingSnapshotTable;
  snapshot_publication: SnapshotPublicationTable;
  plan_target: PlanTargetTable;
  plan_rule: PlanRuleTable;
  plan_report: PlanReportTable;
  printed_figure: PrintedFigureTable;
  user_account: UserAccountTable;
  user_municipality: UserMunicipalityTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  login_failure: LoginFailureTable;
  audit_event: AuditEventTable;
  responsible_official: ResponsibleOfficialTable;
  import_batch: ImportBatchTable;
  import_mapping: ImportMappingTable;
  submission: SubmissionTable;
  submission_event: SubmissionEventTable;
  reporting_deadline: ReportingDeadlineTable;
  measure_plan: MeasurePlanTable;
  plan_measure: PlanMeasureTable;
  measure_report: MeasureReportTable;
  measure_attachment: MeasureAttachmentTable;
  data_set: DataSetTable;
  data_set_indicator: DataSetIndicatorTable;
  data_set_deadline: DataSetDeadlineTable;
  region_boundaries: RegionBoundariesTable;
  snapshot_review: SnapshotReviewTable;
  snapshot_places: SnapshotPlacesTable;
  snapshot_uncertainty: SnapshotUncertaintyTable;
}
