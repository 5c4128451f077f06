import { useEffect, useState } from 'react';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useApi, useSession } from '../../session';
import { ActionBadge, RowButton } from './bits';
import type { SensorKind } from './SensorForm';
import { POLICY, type Sensor } from './types';
import { useWrite } from '../../components/useWrite';
import { FormError } from '../../components/FormError';

interface Setting {
  name: string;
  action: string;
}

interface Binding {
  status: boolean;
  sensors: Setting[];
}

/** The DLP and the WAF sensors a group uses, with their actions; the user binds, changes and unbinds them. */
export function SensorBindingsTab({ group }: { group: string }) {
  return (
    <div className="bindings">
      <Bindings kind="dlp" group={group} />
      <Bindings kind="waf" group={group} />
    </div>
  );
}

function Bindings({ kind, group }: { kind: SensorKind; group: string }) {
  const api = useApi();
  const canWrite = useSession().canWrite(POLICY);
  const title = kind.toUpperCase();
  const path = `/v1/${kind}/group/${encodeURIComponent(group)}`;
  const loaded = useAsync(async () => {
    const [binding, sensors] = await Promise.all([
      api.get<Record<string, Binding>>(path).then((a) => a[`${kind}_group`]),
      api.get<{ sensors: Sensor[] }>(`/v1/${kind}/sensor`).then((a) => a.sensors.map((s) => s.name)),
    ]);
    return { binding, sensors };
  }, [api, path, kind]);
  const write = useWrite();
  // the user's edits, until saved; without edits the binding shows as loaded
  const [draft, setDraft] = useState<Binding>();
  useEffect(() => setDraft(undefined), [loaded.data]);
  const [adding, setAdding] = useState('');
  const saved: Binding | undefined = loaded.data && { status: loaded.data.binding.status, sensors: loaded.data.binding.sensors.map((s) => ({ name: s.name, action: s.action })) };
  const current = draft ?? saved ?? { status: false, sensors: [] };
  const { status, sensors: settings } = current;
  const setStatus = (next: boolean) => setDraft({ ...current, status: next });
  const setSettings = (next: Setting[]) => setDraft({ ...current, sensors: next });

  const save = () =>
    write.run(
      () => api.patch(path, { config: { name: group, status, replace: settings } }),
      loaded.reload,
    );
  const unbound = (loaded.data?.sensors ?? []).filter((n) => !settings.some((s) => s.name === n));
  const changed = draft !== undefined && JSON.stringify(draft) !== JSON.stringify(saved);

  return (
    <section className="panel" aria-label={`${title} sensors of the group`}>
      <h3>{title} sensors</h3>
      <AsyncView value={loaded}>
        {() => (
          <fieldset className="rows-editor" disabled={!canWrite}>
            <legend className="skip">{title} sensors</legend>
            <label className="inline">
              <input type="checkbox" checked={status} onChange={(e) => setStatus(e.target.checked)} />
              {title} inspection enabled
            </label>
            {settings.length === 0 ? (
              <p className="muted">No {title} sensor is bound.</p>
            ) : (
              <table className="data" aria-label={`${title} sensors bound`}>
                <tbody>
                  {settings.map((s, i) => (
                    <tr key={s.name}>
                      <td>{s.name}</td>
                      <td>
                        {canWrite ? (
                          <select aria-label={`${title} ${s.name} action`} value={s.action} onChange={(e) => setSettings(settings.map((x, j) => (j === i ? { ...x, action: e.target.value } : x)))}>
                            <option>allow</option>
                            <option>deny</option>
                          </select>
                        ) : (
                          <ActionBadge action={s.action} />
                        )}
                      </td>
                      <td>
                        {canWrite && (
                          <RowButton danger label={`Unbind ${title} ${s.name}`} onClick={() => setSettings(settings.filter((_, j) => j !== i))}>
                            Unbind
                          </RowButton>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {canWrite && (
              <div className="form-row">
                <label>
                  {title} sensor to bind
                  <select value={adding} onChange={(e) => setAdding(e.target.value)}>
                    <option value="">Choose a sensor</option>
                    {unbound.map((n) => (
                      <option key={n}>{n}</option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  disabled={!adding}
                  onClick={() => {
                    setSettings([...settings, { name: adding, action: 'deny' }]);
                    setAdding('');
                  }}
                >
                  Bind {title} sensor
                </button>
                <button type="button" className="primary" disabled={!changed || write.busy} onClick={save}>
                  Save {title} sensors
                </button>
              </div>
            )}
            <FormError message={write.error} />
          </fieldset>
        )}
      </AsyncView>
    </section>
  );
}
