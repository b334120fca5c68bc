import type { AppSettingTable } from './app-setting.js';
import type { IndicatorTable } from './indicator.js';
import type { MethodologyTable } from './methodology.js';
import type { MunicipalityTable } from './municipality.js';
import type { MunicipalityAliasTable } from './municipality-alias.js';
import type { ObservationRevisionTable, ObservationTable } from './observation.js';
import type { PlanReportTable, PlanTargetTable, PrintedFigureTable } from './plan.js';
import type { RatingSnapshotTable, SnapshotPublicationTable } from './rating-snapshot.js';
import type { ReferenceValueTable } from './reference-value.js';
import type { RegionTable } from './region.js';
import type { MunicipalityGroupTable, UnitGroupTable } from './unit-group.js';

export interface Database {
  app_setting: AppSettingTable;
  region: RegionTable;
  municipality: MunicipalityTable;
  municipality_alias: MunicipalityAliasTable;
  unit_group: UnitGroupTable;
  municipality_group: MunicipalityGroupTable;
  reference_value: ReferenceValueTable;
  indicator: IndicatorTable;
  observation: ObservationTable;
  observation_revision: ObservationRevisionTable;
  methodology: MethodologyTable;
  rating_snapshot: RatingSnapshotTable;
  snapshot_publication: SnapshotPublicationTable;
  plan_target: PlanTargetTable;
  plan_report: PlanReportTable;
  printed_figure: PrintedFigureTable;
}
