import type { Api } from '../../api/client';
import type { PolicyMode } from '../../components/Badges';
import type { Group } from './types';

export const MODES: PolicyMode[] = ['Discover', 'Monitor', 'Protect'];

/** Only learned groups (services) and the nodes have modes; custom and the other reserved groups have none. */
export function hasMode(g: Pick<Group, 'name' | 'policy_mode'>): boolean {
  return g.policy_mode !== '' && g.policy_mode !== undefined;
}

/** The name /v1/service knows a group by: a learned group without its "nv." prefix; the nodes as "nodes". */
export function serviceName(group: string): string {
  return group.startsWith('nv.') ? group.slice(3) : group;
}

/** Sets the policy and the process profile mode of these groups in one call, as NeuVector's console does. */
export function setModes(api: Api, groups: string[], mode: PolicyMode): Promise<unknown> {
  return api.patch('/v1/service/config', { config: { services: groups.map(serviceName), policy_mode: mode, profile_mode: mode } });
}
