import { useApi } from '../../session';
import { useAsync } from '../../components/useAsync';
import { href } from '../../router';
import { Donut } from './charts/Donut';
import { Panel } from './Panel';

const MODES = [
  { mode: 'Discover', color: 'var(--discover)' },
  { mode: 'Monitor', color: 'var(--monitor)' },
  { mode: 'Protect', color: 'var(--protect)' },
] as const;

type ModeCounts = Record<(typeof MODES)[number]['mode'], number>;

export function countModes(groups: { policy_mode?: string }[] | undefined): ModeCounts {
  const counts: ModeCounts = { Discover: 0, Monitor: 0, Protect: 0 };
  for (const g of Array.isArray(groups) ? groups : []) {
    const mode = g?.policy_mode;
    if (mode === 'Discover' || mode === 'Monitor' || mode === 'Protect') counts[mode]++;
  }
  return counts;
}

/** The groups in Discover, Monitor and Protect mode; each links to the groups page filtered by it. */
export function GroupsPanel({ tick }: { tick: number }) {
  const api = useApi();
  const value = useAsync(() => api.get<{ groups: { policy_mode?: string }[] }>('/v1/group').then((r) => countModes(r.groups)), [api, tick]);
  return (
    <Panel
      title="Groups by mode"
      value={value}
      isEmpty={(c) => c.Discover + c.Monitor + c.Protect === 0}
      empty="No group has a mode yet."
      more={<a href={href('/policy/groups')}>All groups</a>}
    >
      {(c) => (
        <Donut
          label="Groups by mode"
          center={c.Discover + c.Monitor + c.Protect}
          sub="groups"
          parts={MODES.map(({ mode, color }) => ({ key: mode, label: mode, value: c[mode], color, href: href('/policy/groups', { mode }) }))}
        />
      )}
    </Panel>
  );
}
