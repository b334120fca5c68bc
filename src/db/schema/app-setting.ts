export interface AppSettingTable {
  key: string;
  value: string;
  updated_at: string;
}
