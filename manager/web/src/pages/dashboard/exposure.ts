// The vulnerabilities of what runs, from GET /v1/scan/asset (each vulnerability once, with the ids of the
// containers, nodes and images it is in, and those assets' names): counts by severity and the most exposed assets.

export interface AssetName {
  display_name: string;
  policy_mode?: string;
  domains?: string[];
}

export interface AssetVulnerability {
  name: string;
  severity: string;
  workloads?: string[];
  images?: string[];
  nodes?: string[];
}

export interface AssetView {
  vulnerabilities?: AssetVulnerability[];
  workloads?: Record<string, AssetName[]>;
  images?: Record<string, AssetName[]>;
}

export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** An asset with how many critical and high vulnerabilities it has. */
export interface Exposed {
  id: string;
  name: string;
  critical: number;
  high: number;
}

export interface Exposure {
  /** Distinct vulnerabilities found in running containers, by severity. */
  bySeverity: Record<Severity, number>;
  containers: Exposed[];
  images: Exposed[];
}

export const TOP = 5;

export function exposureOf(view: AssetView, top = TOP): Exposure {
  const bySeverity: Record<Severity, number> = { Critical: 0, High: 0, Medium: 0, Low: 0 };
  const containers = new Map<string, Exposed>();
  const images = new Map<string, Exposed>();
  for (const v of Array.isArray(view.vulnerabilities) ? view.vulnerabilities : []) {
    const severity = SEVERITIES.find((s) => s.toLowerCase() === String(v?.severity).toLowerCase());
    if (!severity) continue;
    const inContainers = Array.isArray(v.workloads) ? v.workloads : [];
    if (inContainers.length > 0) bySeverity[severity]++;
    if (severity !== 'Critical' && severity !== 'High') continue;
    count(containers, inContainers, view.workloads, severity);
    count(images, Array.isArray(v.images) ? v.images : [], view.images, severity);
  }
  return { bySeverity, containers: mostExposed(containers, top), images: mostExposed(images, top) };
}

function count(into: Map<string, Exposed>, ids: string[], names: Record<string, AssetName[]> | undefined, severity: 'Critical' | 'High') {
  for (const id of new Set(ids)) {
    if (typeof id !== 'string') continue;
    let e = into.get(id);
    if (!e) {
      e = { id, name: names?.[id]?.[0]?.display_name || id, critical: 0, high: 0 };
      into.set(id, e);
    }
    if (severity === 'Critical') e.critical++;
    else e.high++;
  }
}

function mostExposed(all: Map<string, Exposed>, top: number): Exposed[] {
  return [...all.values()]
    .sort((a, b) => b.critical - a.critical || b.high - a.high || a.name.localeCompare(b.name))
    .slice(0, top);
}
