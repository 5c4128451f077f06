// The scan report shapes our controller serves (NeuVector's RESTScanReport and its parts, snake_case).

export interface Vulnerability {
  name: string;
  score: number;
  severity: string;
  vectors?: string;
  description?: string;
  file_name?: string;
  package_name: string;
  package_version: string;
  fixed_version: string;
  link?: string;
  score_v3: number;
  vectors_v3?: string;
  published_timestamp?: number;
  last_modified_timestamp?: number;
  feed_rating?: string;
  in_base_image?: boolean;
  /** `accepted` when asked with show=accepted and the vulnerability profile accepts it. */
  tags?: string[];
}

export interface Module {
  name: string;
  file?: string;
  version: string;
  source: string;
  cves?: { name: string; status: string }[];
}

/** An image compliance check (RESTBenchItem). */
export interface BenchItem {
  catalog: string;
  type: string;
  level: string;
  test_number: string;
  profile?: string;
  scored?: boolean;
  automated?: boolean;
  description: string;
  message?: string[];
  remediation?: string;
  group?: string;
}

export interface Secret {
  type: string;
  evidence: string;
  path: string;
  suggestion?: string;
}

export interface SetIdPerm {
  type: string;
  evidence: string;
  path: string;
}

export interface ScanReport {
  vulnerabilities: Vulnerability[];
  modules?: Module[];
  checks?: BenchItem[];
  secrets?: Secret[];
  setid_perms?: SetIdPerm[];
  envs?: string[];
  labels?: Record<string, string>;
  cmds?: string[];
}

export interface Layer {
  digest: string;
  cmds: string;
  vulnerabilities: Vulnerability[];
  size: number;
  secrets?: Secret[];
}

/** RESTScanBrief: the last scan of a container or node. */
export interface ScanBrief {
  status: string;
  critical: number;
  high: number;
  medium: number;
  result?: string;
  scanned_at?: string;
  base_os?: string;
}

export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'];

export function isAccepted(v: Vulnerability): boolean {
  return (v.tags ?? []).includes('accepted');
}

/** How many vulnerabilities of each severity, the accepted ones apart. */
export function countBySeverity(vulnerabilities: Vulnerability[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of vulnerabilities) {
    const key = isAccepted(v) ? 'Accepted' : v.severity || 'Unknown';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
