/** RESTRegistrySummary: a registry as /v1/scan/registry lists it, secrets empty, with its scan's state. */
export interface Registry {
  name: string;
  registry_type: string;
  registry: string;
  username: string;
  auth_with_token: boolean;
  domains: string[];
  filters: string[];
  rescan_after_db_update: boolean;
  scan_layers: boolean;
  repo_limit: number;
  tag_limit: number;
  schedule: { schedule: string; interval: number };
  aws_key?: { id: string; region: string };
  ignore_proxy: boolean;
  cfg_type?: string;
  status: string;
  error_message: string;
  error_detail?: string;
  started_at: string;
  scanned: number;
  scheduled: number;
  scanning: number;
  failed: number;
  cvedb_version?: string;
}

/** RESTRegistryImageSummary. */
export interface RegistryImage {
  domain: string;
  repository: string;
  tag: string;
  image_id: string;
  digest: string;
  size: number;
  author?: string;
  run_as_root?: boolean;
  created_at?: string;
  status: string;
  result: string;
  critical: number;
  high: number;
  medium: number;
  scanned_at: string;
  base_os: string;
  gone?: boolean;
}

export const AMAZON_ECR = 'Amazon ECR Registry';
export const GOOGLE_GCR = 'Google Container Registry';

/** Text of one entry a line (or comma separated) as a list. */
export function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
