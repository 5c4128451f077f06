// Answers of our controller's dashboard routes, in the shapes its Java records give, for the component tests.

export const NOW = 1_780_000_000; // seconds; the tests pin Date.now() to it

export const scoreAnswer = (total: number) => ({
  metrics: {
    platform: '',
    new_service_policy_mode: 'Discover',
    new_service_profile_mode: 'Discover',
    adm_mode: '',
    enabled_deny_adm_ctrl_rules: 0,
    deny_adm_ctrl_rules: 0,
    hosts: 1,
    workloads: { running_pods: 4, privileged_wls: 1, root_wls: 3, discover_ext_eps: 0, monitor_ext_eps: 0, protect_ext_eps: 0, threat_ext_eps: 0, violate_ext_eps: 0 },
    groups: { groups: 2, discover_groups: 2, monitor_groups: 0, protect_groups: 0, profile_discover_groups: 2, profile_monitor_groups: 0, profile_protect_groups: 0, discover_groups_zero_drift: 0, monitor_groups_zero_drift: 0, protect_groups_zero_drift: 0 },
    cves: { discover_cves: 12, monitor_cves: 0, protect_cves: 0, platform_cves: 0, host_cves: 5 },
  },
  ingress: [],
  egress: [],
  security_scores: {
    new_service_mode_score: 4,
    service_mode_score: 26,
    service_mode_score_by_100: 100,
    exposure_score: 0,
    exposure_score_by_100: 0,
    privileged_container_score: 4,
    run_as_root_score: 4,
    admission_rule_score: 4,
    vulnerability_score: 0,
    vulnerability_score_by_100: 0,
    security_risk_score: total,
  },
});

const name = (display_name: string) => [{ id: '', display_name, policy_mode: 'Discover', domains: ['default'] }];

export const assetAnswer = {
  vulnerabilities: [
    { name: 'CVE-2024-0001', severity: 'Critical', workloads: ['w1', 'w2'], images: ['img1'], nodes: [] },
    { name: 'CVE-2024-0002', severity: 'High', workloads: ['w1'], images: ['img1'], nodes: ['n1'] },
    { name: 'CVE-2024-0003', severity: 'Medium', workloads: ['w2'], images: ['img2'], nodes: [] },
    { name: 'CVE-2024-0004', severity: 'Low', workloads: ['w2'], images: ['img2'], nodes: [] },
    { name: 'CVE-2024-0005', severity: 'High', workloads: [], images: ['img3'], nodes: [] },
  ],
  workloads: { w1: name('web-1'), w2: name('db-1') },
  nodes: { n1: name('node-1') },
  images: { img1: name('nginx:1.25'), img2: name('postgres:16'), img3: name('registry/only:1') },
  platforms: {},
};

export const summaryAnswer = {
  summary: {
    domains: 3,
    hosts: 2,
    controllers: 1,
    enforcers: 2,
    disconnected_enforcers: 1,
    workloads: 9,
    running_workloads: 7,
    running_pods: 5,
    services: 4,
    policy_rules: 11,
    scanners: 0,
    platform: '',
    kube_version: '',
    openshift_version: '',
    cvedb_version: '3.812',
    cvedb_create_time: '',
    component_versions: ['bulwark-controller dev'],
  },
};

export const groupsAnswer = {
  groups: [
    { name: 'nv.web.default', policy_mode: 'Discover' },
    { name: 'nv.db.default', policy_mode: 'Protect' },
    { name: 'nv.cache.default', policy_mode: 'Protect' },
    { name: 'nodes', policy_mode: '' },
    { name: 'external' },
  ],
};

export const admissionAnswer = {
  stats: {
    k8s_allowed_requests: 40,
    k8s_denied_requests: 3,
    k8s_erroneous_requests: 1,
    k8s_ignored_requests: 7,
    k8s_processing_requests: 0,
    jenkins_allowed_requests: 0,
    jenkins_denied_requests: 0,
    jenkins_erroneous_requests: 0,
  },
};

export const securityAnswer = {
  threats: [],
  violations: [{ reported_timestamp: NOW - 60 }, { reported_timestamp: NOW - 2 * 3600 }],
  incidents: [{ reported_timestamp: NOW - 120 }],
};
