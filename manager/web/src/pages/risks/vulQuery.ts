// Security risks → Vulnerabilities: NeuVector's query sessions (POST /v1/vulasset opens one, GET pages it).

import type { PageRequest } from '../../api/listQuery';

/** What the filter form holds; empty text filters nothing. */
export interface VulFilters {
  severity: string;
  fix: string;
  view: string;
  scoreMin: string;
  scoreMax: string;
  namespace: string;
  service: string;
  image: string;
  node: string;
  container: string;
}

export const NO_FILTERS: VulFilters = { severity: 'all', fix: 'all', view: 'all', scoreMin: '', scoreMax: '', namespace: '', service: '', image: '', node: '', container: '' };

/** The body of POST /v1/vulasset (VulQueryFilterViewModel, camelCase): text filters match as "contains". */
export function queryBody(f: VulFilters): Record<string, unknown> {
  const body: Record<string, unknown> = { severityType: f.severity, packageType: f.fix, viewType: f.view, scoreType: 'v3' };
  if (f.scoreMin !== '' || f.scoreMax !== '') body.scoreV3 = [Number(f.scoreMin || 0), Number(f.scoreMax || 10)];
  const namespaces = f.namespace
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (namespaces.length) {
    body.matchTypeNs = 'contains';
    body.selectedDomains = namespaces;
  }
  const text: [keyof VulFilters, string][] = [
    ['service', 'Service'],
    ['image', 'Image'],
    ['node', 'Node'],
    ['container', 'Container'],
  ];
  for (const [key, suffix] of text) {
    const value = f[key].trim();
    if (value) {
      body[`${key === 'service' ? 'service' : key}Name`] = value;
      body[`matchType${suffix}`] = 'contains';
    }
  }
  return body;
}

/** The GET of a page: start and row (one more than shown, to know whether more follow), order, quick filter. */
export function pageParams(token: string, page: PageRequest): Record<string, string> {
  const params: Record<string, string> = { token, start: String(page.start), row: String(page.limit + 1) };
  if (page.sort) {
    params.orderbyColumn = page.sort.field;
    params.orderby = page.sort.dir;
  }
  const quick = page.filters.find((f) => f.field === 'name')?.value.trim();
  if (quick) params.qf = quick;
  return params;
}

export interface VulStats {
  total_records: number;
  total_matched_records: number;
  query_id: string;
  summary: { count_distribution: Record<string, number>; top_images: CveCount[]; top_nodes: CveCount[] };
}

export interface CveCount {
  id: string;
  display_name: string;
  critical?: number;
  high: number;
  medium: number;
  low: number;
}

/** RESTVulnerabilityAssetV2. */
export interface AssetVulnerability {
  name: string;
  severity: string;
  description: string;
  packages: Record<string, { package_version: string; fixed_version: string }[]>;
  link: string;
  score: number;
  score_v3: number;
  vectors_v3?: string;
  published_timestamp: number;
  last_modified_timestamp: number;
  feed_rating?: string;
  workloads: { id: string; domain: string; display_name: string; policy_mode: string; service: string; image: string }[];
  nodes: { id: string; display_name: string }[];
  images: { id: string; display_name: string; digest: string }[];
}

/** Whether some package has a fixed version. */
export function hasFix(v: AssetVulnerability): boolean {
  return Object.values(v.packages ?? {}).some((versions) => versions.some((p) => p.fixed_version));
}
