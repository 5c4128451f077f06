// The controller's policy shapes, as it writes them (NeuVector's snake_case fields).

export interface Criterion {
  key: string;
  value: string;
  op: string;
}

export interface Member {
  id: string;
  name: string;
  display_name: string;
  image: string;
  state: string;
  host_name: string;
  domain: string;
  policy_mode: string;
}

export interface Group {
  name: string;
  comment: string;
  learned: boolean;
  reserved: boolean;
  policy_mode: string;
  profile_mode: string;
  domain: string;
  kind: string;
  cfg_type: string;
  criteria: Criterion[];
  members: Member[];
  policy_rules: number[];
}

export interface NetworkRule {
  id: number;
  comment: string;
  from: string;
  to: string;
  ports: string;
  action: string;
  applications: string[];
  learned: boolean;
  disable: boolean;
  cfg_type: string;
  match_counter?: number;
  last_modified_timestamp?: number;
}

export interface ProcessRule {
  name: string;
  path: string;
  user?: string;
  action: string;
  cfg_type: string;
  uuid?: string;
}

export interface ProcessProfile {
  group: string;
  baseline: string;
  mode: string;
  process_list: ProcessRule[];
}

export interface FileFilter {
  filter: string;
  recursive: boolean;
  behavior: string;
  applications: string[];
  cfg_type: string;
}

export interface Condition {
  type: string;
  value: string;
}

export interface ResponseRule {
  id: number;
  event: string;
  comment: string;
  group: string;
  conditions: Condition[];
  actions: string[];
  webhooks: string[];
  disable: boolean;
  cfg_type: string;
}

export interface ResponseOptions {
  response_rule_options: Record<string, { types: string[]; actions: string[] }>;
  webhooks: string[];
}

export interface AdmissionCriterion {
  name: string;
  op: string;
  value: string;
  sub_criteria?: AdmissionCriterion[];
}

export interface AdmissionRule {
  id: number;
  category: string;
  comment: string;
  criteria: AdmissionCriterion[];
  disable: boolean;
  critical?: boolean;
  cfg_type: string;
  rule_type: string;
  rule_mode: string;
  containers: string[];
}

export interface AdmissionOption {
  name: string;
  ops: string[];
  values?: string[];
  match_src?: string;
  sub_options?: Record<string, AdmissionOption>;
}

export interface AdmissionOptions {
  admission_options: {
    deny_options: { k8s_options: { rule_options: Record<string, AdmissionOption> } };
    exception_options: { k8s_options: { rule_options: Record<string, AdmissionOption> } };
  };
}

export interface AdmissionState {
  enable: boolean;
  mode: string;
  default_action: string;
  adm_client_mode?: string;
  failure_policy?: string;
}

export interface AdmissionStats {
  k8s_allowed_requests: number;
  k8s_denied_requests: number;
  k8s_erroneous_requests: number;
  k8s_ignored_requests: number;
  k8s_processing_requests: number;
}

export interface AssessedRule {
  container_image: string;
  id: number;
  type: string;
  mode: string;
  rule_details: string;
}

export interface AssessedResource {
  index: number;
  name: string;
  kind: string;
  message: string;
  matched_rules: AssessedRule[];
  allowed: boolean;
}

export interface Assessment {
  props_unavailable: string[];
  global_mode: string;
  results: AssessedResource[];
}

export interface SensorPattern {
  key: string;
  value: string;
  op: string;
  context: string;
}

export interface SensorRule {
  name: string;
  id?: number;
  patterns: SensorPattern[];
}

export interface Sensor {
  name: string;
  groups: string[];
  rules: SensorRule[];
  comment: string;
  predefine: boolean;
}

export const POLICY = 'rt_policy';
export const ADMISSION = 'admctrl';
