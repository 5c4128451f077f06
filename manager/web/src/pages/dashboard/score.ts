// The security risk score of GET /v1/system/score/metrics, and what each of its factors means (NeuVector's
// calcSecurityScore: lower is better; 0-20 good, 21-50 fair, 51 and above poor).

export interface ScoreMetrics {
  new_service_policy_mode: string;
  new_service_profile_mode: string;
  adm_mode: string;
  enabled_deny_adm_ctrl_rules: number;
  deny_adm_ctrl_rules: number;
  hosts: number;
  workloads: {
    running_pods: number;
    privileged_wls: number;
    root_wls: number;
    discover_ext_eps: number;
    monitor_ext_eps: number;
    protect_ext_eps: number;
    threat_ext_eps: number;
    violate_ext_eps: number;
  };
  groups: { groups: number; discover_groups: number; profile_discover_groups: number; discover_groups_zero_drift: number };
  cves: { discover_cves: number; monitor_cves: number; protect_cves: number; platform_cves: number; host_cves: number };
}

export interface SecurityScores {
  new_service_mode_score: number;
  service_mode_score: number;
  exposure_score: number;
  privileged_container_score: number;
  run_as_root_score: number;
  admission_rule_score: number;
  vulnerability_score: number;
  security_risk_score: number;
}

export interface ScoreData {
  metrics: ScoreMetrics;
  security_scores: SecurityScores;
}

export type Rating = 'Good' | 'Fair' | 'Poor';

export function rating(score: number): Rating {
  return score <= 20 ? 'Good' : score <= 50 ? 'Fair' : 'Poor';
}

export const RATING_COLOR: Record<Rating, string> = { Good: 'var(--ok)', Fair: 'var(--warn)', Poor: 'var(--danger)' };

/** A factor of the score: its points field, its most points, what it counts now and how to lower it. */
export interface Factor {
  key: keyof SecurityScores;
  title: string;
  max: number;
  detail: (m: ScoreMetrics) => string;
  advice: string;
  /** The console page where it is lowered. */
  fix: string;
}

export const FACTORS: Factor[] = [
  {
    key: 'new_service_mode_score',
    title: 'New services in Discover mode',
    max: 4,
    detail: (m) => `New services start in ${m.new_service_policy_mode || '–'} (network) and ${m.new_service_profile_mode || '–'} (process) mode.`,
    advice: 'Start new services in Monitor or Protect mode.',
    fix: '/settings/configuration',
  },
  {
    key: 'service_mode_score',
    title: 'Groups in Discover mode',
    max: 26,
    detail: (m) => `${m.groups.discover_groups} of ${m.groups.groups} scored groups in Discover, ${m.groups.discover_groups_zero_drift} of them with a zero-drift baseline.`,
    advice: 'Move learned groups to Monitor or Protect once their behaviour is learned; a zero-drift process baseline also lowers it.',
    fix: '/policy/groups',
  },
  {
    key: 'exposure_score',
    title: 'Ingress and egress exposure',
    max: 42,
    detail: (m) => {
      const w = m.workloads;
      const exposed = w.discover_ext_eps + w.monitor_ext_eps + w.protect_ext_eps;
      return `${exposed} exposed pods (${w.discover_ext_eps} in Discover), ${w.violate_ext_eps} with violations, ${w.threat_ext_eps} with threats.`;
    },
    advice: 'Put services reached from or reaching outside the cluster in Protect, and remove the violations and threats on their traffic.',
    fix: '/network',
  },
  {
    key: 'privileged_container_score',
    title: 'Privileged containers',
    max: 4,
    detail: (m) => `Privileged containers running: ${m.workloads.privileged_wls}.`,
    advice: 'Run no container privileged; an admission deny rule keeps new ones out.',
    fix: '/assets/containers',
  },
  {
    key: 'run_as_root_score',
    title: 'Containers running as root',
    max: 4,
    detail: (m) => `Containers running as root: ${m.workloads.root_wls}.`,
    advice: 'Run containers as a non-root user; an admission deny rule keeps new ones out.',
    fix: '/assets/containers',
  },
  {
    key: 'admission_rule_score',
    title: 'Admission control',
    max: 4,
    detail: (m) =>
      m.adm_mode
        ? `On in ${m.adm_mode} mode; ${m.enabled_deny_adm_ctrl_rules} of ${m.deny_adm_ctrl_rules} deny rules enabled.`
        : 'Admission control is off.',
    advice: 'Turn admission control on in protect mode with at least one enabled deny rule.',
    fix: '/policy/admission',
  },
  {
    key: 'vulnerability_score',
    title: 'Vulnerabilities',
    max: 16,
    detail: (m) => {
      const c = m.cves;
      return `${c.discover_cves + c.monitor_cves + c.protect_cves} in running containers (${c.discover_cves} in Discover groups), ${c.host_cves} in nodes, ${c.platform_cves} in the platform.`;
    },
    advice: 'Fix the critical, high and medium vulnerabilities of running containers and nodes; those of Protect groups weigh least.',
    fix: '/risks/vulnerabilities',
  },
];
