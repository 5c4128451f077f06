import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Location } from '../router';

export interface PageProps {
  location: Location;
}

export interface PageDef {
  path: string;
  title: string;
  section: string;
  /** Reached from another page (a report, a detail), not from the menu. */
  hidden?: boolean;
  component: LazyExoticComponent<ComponentType<PageProps>>;
}

// Each page is its own chunk: the first page loads the shell and the dashboard only.
export const pages: PageDef[] = [
  { path: '/dashboard', title: 'Dashboard', section: 'Dashboard', component: lazy(() => import('./dashboard/Dashboard')) },
  { path: '/network', title: 'Network activity', section: 'Network activity', component: lazy(() => import('./network/NetworkActivity')) },
  { path: '/assets/containers', title: 'Containers', section: 'Assets', component: lazy(() => import('./assets/Containers')) },
  { path: '/assets/nodes', title: 'Nodes', section: 'Assets', component: lazy(() => import('./assets/Nodes')) },
  { path: '/assets/system', title: 'Enforcers, controllers, scanners', section: 'Assets', component: lazy(() => import('./assets/SystemComponents')) },
  { path: '/assets/registries', title: 'Registries', section: 'Assets', component: lazy(() => import('./assets/Registries')) },
  { path: '/policy/groups', title: 'Groups', section: 'Policy', component: lazy(() => import('./policy/Groups')) },
  { path: '/policy/network-rules', title: 'Network rules', section: 'Policy', component: lazy(() => import('./policy/NetworkRules')) },
  { path: '/policy/admission', title: 'Admission control', section: 'Policy', component: lazy(() => import('./policy/Admission')) },
  { path: '/policy/response-rules', title: 'Response rules', section: 'Policy', component: lazy(() => import('./policy/ResponseRules')) },
  { path: '/policy/sensors', title: 'DLP and WAF sensors', section: 'Policy', component: lazy(() => import('./policy/Sensors')) },
  { path: '/risks/vulnerabilities', title: 'Vulnerabilities', section: 'Security risks', component: lazy(() => import('./risks/Vulnerabilities')) },
  { path: '/risks/compliance', title: 'Compliance', section: 'Security risks', component: lazy(() => import('./risks/Compliance')) },
  { path: '/risks/report', title: 'Image report', section: 'Security risks', hidden: true, component: lazy(() => import('./risks/ImageReport')) },
  { path: '/notifications/security-events', title: 'Security events', section: 'Notifications', component: lazy(() => import('./notifications/SecurityEvents')) },
  { path: '/notifications/risk-reports', title: 'Risk reports', section: 'Notifications', component: lazy(() => import('./notifications/RiskReports')) },
  { path: '/notifications/events', title: 'Events', section: 'Notifications', component: lazy(() => import('./notifications/Events')) },
  { path: '/notifications/activity', title: 'Activity', section: 'Notifications', component: lazy(() => import('./notifications/Activity')) },
  { path: '/settings/users', title: 'Users', section: 'Settings', component: lazy(() => import('./settings/Users')) },
  { path: '/settings/roles', title: 'Roles', section: 'Settings', component: lazy(() => import('./settings/Roles')) },
  { path: '/settings/api-keys', title: 'API keys', section: 'Settings', component: lazy(() => import('./settings/ApiKeys')) },
  { path: '/settings/password-profile', title: 'Password profile', section: 'Settings', component: lazy(() => import('./settings/PasswordProfile')) },
  { path: '/settings/configuration', title: 'Configuration', section: 'Settings', component: lazy(() => import('./settings/Configuration')) },
  { path: '/settings/backup', title: 'Backup and restore', section: 'Settings', component: lazy(() => import('./settings/Backup')) },
];

export function pageAt(path: string): PageDef | undefined {
  return pages.find((p) => p.path === path);
}
