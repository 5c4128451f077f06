import { useCallback, useRef, useState } from 'react';
import type { PageRequest } from '../../api/listQuery';
import { ModeBadge, type PolicyMode } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { navigate } from '../../router';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { GroupDetail } from './GroupDetail';
import { GroupForm } from './GroupForm';
import { fetchPage } from '../../api/listQuery';
import { hasMode, MODES, setModes } from './modes';
import { POLICY, type Group } from './types';
import { useWrite } from '../../components/useWrite';
import './policy.css';
import { FormError } from '../../components/FormError';

const columns: Column<Group>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {} },
  { key: 'domain', title: 'Namespace', sortable: true, filter: {} },
  { key: 'kind', title: 'Kind', sortable: true, filter: { options: ['container', 'address', 'node'] } },
  { key: 'policy_mode', title: 'Policy mode', sortable: true, filter: { options: MODES }, render: (g) => <ModeBadge mode={g.policy_mode} /> },
  { key: 'profile_mode', title: 'Profile mode', sortable: true, filter: { options: MODES }, render: (g) => <ModeBadge mode={g.profile_mode} /> },
  { key: 'cfg_type', title: 'Type', sortable: true, filter: { options: ['learned', 'user_created', 'system_defined', 'ground', 'federal'] } },
  { key: 'policy_rules', title: 'Rules', className: 'num', render: (g) => g.policy_rules.length },
  { key: 'comment', title: 'Comment' },
];

/** The groups (?name= opens one): listed by the controller, several switched to a mode at once, custom ones added. */
export default function Groups({ location }: PageProps) {
  const name = location.params.get('name');
  return name ? <GroupDetail key={name} name={name} /> : <GroupList />;
}

function GroupList() {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reloadKey, setReloadKey] = useState(0);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string>();
  const write = useWrite();
  // the groups shown so far, so a selection made over several pages knows which groups have a mode
  const seen = useRef(new Map<string, Group>());

  const fetch = useCallback(
    async (page: PageRequest) => {
      const answer = await fetchPage<Group>(api, '/v1/group', 'groups', page);
      answer.rows.forEach((g) => seen.current.set(g.name, g));
      return answer;
    },
    [api],
  );

  const switchTo = (mode: PolicyMode) => {
    const names = [...selected];
    const withMode = names.filter((n) => {
      const g = seen.current.get(n);
      return g !== undefined && hasMode(g);
    });
    const skipped = names.length - withMode.length;
    const skippedText = skipped ? ` ${skipped} selected group${skipped > 1 ? 's have' : ' has'} no mode (custom and reserved groups) and stayed as ${skipped > 1 ? 'they were' : 'it was'}.` : '';
    if (withMode.length === 0) {
      setNotice(`None of the selected groups has a mode.${skippedText}`);
      return;
    }
    setNotice(undefined);
    write.run(
      () => setModes(api, withMode, mode),
      () => {
        setNotice(`${withMode.length} group${withMode.length > 1 ? 's' : ''} switched to ${mode}.${skippedText}`);
        setSelected(new Set());
        setReloadKey((k) => k + 1);
      },
    );
  };

  return (
    <>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <FormError message={write.error} />
      <DataTable
        label="Groups"
        columns={columns}
        fetchPage={fetch}
        rowKey={(g) => g.name}
        reloadKey={reloadKey}
        initialSort={{ field: 'name', dir: 'asc' }}
        onRowActivate={(g) => navigate('/policy/groups', { name: g.name })}
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
        empty="No groups."
        toolbar={
          canWrite && (
            <>
              <button type="button" className="primary" onClick={() => setAdding(true)}>
                Add group
              </button>
              <span role="group" aria-label="Switch the selected groups' mode" className="actions" style={{ margin: 0 }}>
                <span className="muted">{selected.size} selected; switch to</span>
                {MODES.map((m) => (
                  <button key={m} type="button" disabled={selected.size === 0 || write.busy} onClick={() => switchTo(m)}>
                    {m}
                  </button>
                ))}
              </span>
            </>
          )
        }
      />
      {adding && (
        <GroupForm
          onClose={(saved) => {
            setAdding(false);
            if (saved) navigate('/policy/groups', { name: saved });
          }}
        />
      )}
    </>
  );
}
