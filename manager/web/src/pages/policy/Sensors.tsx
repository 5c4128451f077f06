import { useCallback, useState } from 'react';
import { fetchPage, type PageRequest } from '../../api/listQuery';
import { DataTable } from '../../components/DataTable';
import { AsyncView } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { GroupLink, Tags } from './bits';
import { Confirm } from '../../components/Confirm';
import { SensorForm, type SensorKind } from './SensorForm';
import { POLICY, type Sensor } from './types';
import './policy.css';

const TABS: { key: SensorKind; title: string }[] = [
  { key: 'dlp', title: 'DLP sensors' },
  { key: 'waf', title: 'WAF sensors' },
];

/** DLP and WAF sensors: their rules and patterns, which groups use them; custom ones added, changed, deleted. */
export default function Sensors(_: PageProps) {
  const [kind, setKind] = useState<SensorKind>('dlp');
  return (
    <>
      <Tabs label="Sensor kind" tabs={TABS} active={kind} onChange={setKind} />
      <SensorList key={kind} kind={kind} />
    </>
  );
}

function SensorList({ kind }: { kind: SensorKind }) {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const fetchSensors = useCallback((page: PageRequest) => fetchPage<Sensor>(api, `/v1/${kind}/sensor`, 'sensors', page), [api, kind]);
  const [reloadKey, setReloadKey] = useState(0);
  const [open, setOpen] = useState<string>();
  const [editing, setEditing] = useState<Sensor | 'new'>();
  const [deleting, setDeleting] = useState<Sensor>();
  const title = kind.toUpperCase();

  return (
    <div className="split">
      <DataTable
        label={`${title} sensors`}
        fetchPage={fetchSensors}
        reloadKey={reloadKey}
        rowKey={(s) => s.name}
        activeKey={open}
        onRowActivate={(s) => setOpen(s.name)}
        empty={`No ${title} sensors.`}
        toolbar={
          canWrite && (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Add {title} sensor
            </button>
          )
        }
        columns={[
          { key: 'name', title: 'Name', sortable: true, filter: {} },
          { key: 'comment', title: 'Comment', sortable: true, filter: {} },
          { key: 'rules', title: 'Rules', className: 'num', render: (s) => s.rules.length },
          { key: 'groups', title: 'Used by', render: (s) => <Tags items={s.groups} /> },
          { key: 'predefine', title: 'Type', render: (s) => (s.predefine ? 'predefined' : 'custom') },
        ]}
      />
      {open ? (
        <SensorDetail key={`${open}/${reloadKey}`} kind={kind} name={open} canWrite={canWrite} onEdit={setEditing} onDelete={setDeleting} />
      ) : (
        <p className="muted">Open a sensor to see its rules and the groups that use it.</p>
      )}
      {editing && (
        <SensorForm
          kind={kind}
          sensor={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) {
              setOpen(saved);
              setReloadKey((k) => k + 1);
            }
          }}
        />
      )}
      {deleting && (
        <Confirm
          title={`Delete sensor ${deleting.name}`}
          message={`Delete the ${title} sensor ${deleting.name}? A sensor that groups use cannot be deleted.`}
          onConfirm={() => api.delete(`/v1/${kind}/sensor/${encodeURIComponent(deleting.name)}`)}
          onClose={(done) => {
            setDeleting(undefined);
            if (done) {
              setOpen(undefined);
              setReloadKey((k) => k + 1);
            }
          }}
        />
      )}
    </div>
  );
}

/** One sensor as the controller has it now: its rules and patterns, the groups that use it. */
function SensorDetail({ kind, name, canWrite, onEdit, onDelete }: {
  kind: SensorKind;
  name: string;
  canWrite: boolean;
  onEdit: (sensor: Sensor) => void;
  onDelete: (sensor: Sensor) => void;
}) {
  const api = useApi();
  const sensor = useAsync(() => api.get<{ sensor: Sensor }>(`/v1/${kind}/sensor/${encodeURIComponent(name)}`).then((a) => a.sensor), [api, kind, name]);
  return (
    <section className="panel" aria-labelledby="sensor-title">
      <h2 id="sensor-title">{name}</h2>
      <AsyncView value={sensor}>
        {(shown) => (
          <>
            <p>{shown.comment}</p>
            <h3>Used by</h3>
            <p>
              {shown.groups.length === 0 ? (
                <span className="muted">No group uses this sensor.</span>
              ) : (
                shown.groups.map((g) => (
                  <span key={g}>
                    <GroupLink name={g} />{' '}
                  </span>
                ))
              )}
            </p>
            <h3>Rules</h3>
            <table className="data" aria-label={`Rules of ${shown.name}`}>
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Patterns</th>
                </tr>
              </thead>
              <tbody>
                {shown.rules.map((r) => (
                  <tr key={r.name}>
                    <td>{r.name}</td>
                    <td>
                      {r.patterns.map((p, i) => (
                        <div key={i} className="mono">
                          {p.op === '!regex' ? 'not ' : ''}
                          {p.value} <span className="muted">in {p.context}</span>
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canWrite && !shown.predefine && (
              <div className="actions" style={{ marginTop: '0.8rem' }}>
                <button type="button" onClick={() => onEdit(shown)}>
                  Edit sensor
                </button>
                <button type="button" className="danger" onClick={() => onDelete(shown)}>
                  Delete sensor
                </button>
              </div>
            )}
            {shown.predefine && <p className="muted">A predefined sensor: it cannot be changed.</p>}
          </>
        )}
      </AsyncView>
    </section>
  );
}
