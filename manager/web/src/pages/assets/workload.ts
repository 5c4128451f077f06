import type { ScanBrief } from '../risks/scanReport';

/** A container as /v1/workload lists it (RESTWorkload; the fields the console shows). */
export interface Workload {
  id: string;
  name: string;
  display_name: string;
  pod_name?: string;
  image: string;
  image_id?: string;
  domain: string;
  state: string;
  service?: string;
  service_group: string;
  policy_mode: string;
  profile_mode?: string;
  scan_summary?: ScanBrief;
  host_name: string;
  host_id: string;
  quarantine_reason?: string;
  privileged?: boolean;
  run_as_root?: boolean;
  enforcer_name?: string;
  network_mode?: string;
  created_at?: string;
  started_at?: string;
  finished_at?: string;
  running?: boolean;
  exit_code?: number;
  applications?: string[];
  labels?: Record<string, string>;
  interfaces?: Record<string, { ip: string; ip_prefix: number }[]>;
  ports?: { protocol?: number | string; port?: number; host_ip?: string; host_port?: number }[];
  groups?: string[];
}

/** RESTProcessInfo. */
export interface ProcessInfo {
  name: string;
  pid: number;
  parent: number;
  cmdline: string;
  root: boolean;
  user: string;
  status: string;
  start_timestamp: number;
  action: string;
}

export const CONTAINER_STATES = ['discover', 'monitor', 'protect', 'quarantined', 'unmanaged', 'exit'];
export const POLICY_MODES = ['Discover', 'Monitor', 'Protect'];
