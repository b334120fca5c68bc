/** One import job running on some instance (PostgreSQL deployments with several instances). */
export interface ImportJobSlotTable {
  slot_id: string;
  /** `user:ID` or `token:ID`, as the job limits name an owner. */
  owner: string;
  instance_id: string;
  started_at: string;
  /** Refreshed by the running instance; an old one means the instance is gone. */
  heartbeat_at: string;
}
