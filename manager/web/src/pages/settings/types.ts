// The controller's answers for the settings pages, as its records serialise them (NeuVector's snake_case names).

import type { RoleDomains } from './RoleDomains';

/** RESTUser. */
export interface User {
  fullname: string;
  username: string;
  email: string;
  role: string;
  timeout: number;
  locale: string;
  role_domains: RoleDomains;
  last_login_timestamp: number;
  last_login_at: string;
  login_count: number;
  blocked_for_failed_login: boolean;
  blocked_for_password_expired: boolean;
  password_resettable: boolean;
}

export interface RolePermission {
  id: string;
  read: boolean;
  write: boolean;
}

/** RESTUserRole. */
export interface Role {
  name: string;
  comment: string;
  reserved: boolean;
  permissions: RolePermission[];
}

export interface PermissionOption {
  id: string;
  read_supported: boolean;
  write_supported: boolean;
}

/** RESTApikey (never with its secret). */
export interface ApiKey {
  apikey_name: string;
  description: string;
  role: string;
  role_domains: RoleDomains;
  expiration_type: string;
  expiration_hours: number;
  expiration_timestamp: number;
  created_timestamp: number;
  created_by_entity: string;
}

/** RESTPwdProfile: enable_password_history is 0 or 1 on the way out, a boolean on the way in. */
export interface PasswordProfile {
  name: string;
  comment: string;
  min_len: number;
  min_uppercase_count: number;
  min_lowercase_count: number;
  min_digit_count: number;
  min_special_count: number;
  enable_password_expiration: boolean;
  password_expire_after_days: number;
  enable_password_history: number | boolean;
  password_keep_history_count: number;
  enable_block_after_failed_login: boolean;
  block_after_failed_login_count: number;
  block_minutes: number;
  session_timeout: number;
}

export interface Proxy {
  url: string;
  username: string;
  password: string;
}

/** RESTWebhook. */
export interface Webhook {
  name: string;
  url: string;
  enable: boolean;
  use_proxy: boolean;
  type: string;
  cfg_type?: string;
}

/** RESTSystemConfig: the fields this console edits. */
export interface SystemConfig {
  new_service_policy_mode: string;
  new_service_profile_baseline: string;
  unused_group_aging: number;
  cluster_name: string;
  syslog_status: boolean;
  syslog_ip: string;
  syslog_port: number;
  syslog_ip_proto: number;
  syslog_level: string;
  syslog_categories: string[];
  syslog_in_json: boolean;
  single_cve_per_syslog: boolean;
  syslog_cve_in_layers: boolean;
  output_event_to_logs: boolean;
  webhooks: Webhook[];
  registry_http_proxy_status: boolean;
  registry_https_proxy_status: boolean;
  registry_http_proxy: Proxy;
  registry_https_proxy: Proxy;
  auth_order: string[];
  net_service_status: boolean;
  net_service_policy_mode: string;
  mode_auto_d2m: boolean;
  mode_auto_d2m_duration: number;
  mode_auto_m2p: boolean;
  mode_auto_m2p_duration: number;
  xff_enabled: boolean;
  monitor_service_mesh: boolean;
  no_telemetry_report: boolean;
  disable_net_policy: boolean;
  detect_unmanaged_wl: boolean;
  strict_group_mode: boolean;
}

/** The automatic scans (GET /v1/scan/config). */
export interface ScanConfig {
  auto_scan: boolean;
  enable_auto_scan_workload: boolean;
  enable_auto_scan_host: boolean;
}

/** RESTImportTask: status is "done", or why the import failed. */
export interface ImportTask {
  tid: string;
  percentage: number;
  status: string;
  triggered_by: string;
  last_update_time: string;
}
