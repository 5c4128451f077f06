import { useState } from 'react';
import { Time } from '../../components/Badges';
import { useApi, useSession } from '../../session';
import type { PageProps } from '../routes';
import { FormError } from '../../components/FormError';
import { CheckField } from '../../components/Fields';
import { importBackup } from './importTask';
import type { ImportTask } from './types';
import { useWrite } from '../../components/useWrite';
import './settings.css';

const SECTIONS = [
  { value: 'all', title: 'Everything: policy, users and roles, system settings' },
  { value: 'policy', title: 'Policy only' },
  { value: 'user', title: 'Users and roles only' },
] as const;
type Section = (typeof SECTIONS)[number]['value'];

/** The file name the controller gave (Content-Disposition), else one of ours. */
export function fileNameOf(response: Response, section: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(header)?.[1];
  return name && /^[\w.-]{1,128}$/.test(name) ? name : `bulwark-config-${section}.json.gz`;
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function Backup(_: PageProps) {
  const canWrite = useSession().canWrite('config');
  return (
    <div className="settings-sections">
      <ExportPanel />
      {canWrite ? (
        <ImportPanel />
      ) : (
        <section className="panel" aria-labelledby="import-title">
          <h2 id="import-title">Restore a backup</h2>
          <p className="muted">Your role may export the configuration, not restore it.</p>
        </section>
      )}
    </div>
  );
}

function ExportPanel() {
  const api = useApi();
  const action = useWrite();
  const [section, setSection] = useState<Section>('all');
  const [saved, setSaved] = useState<string>();
  const exportConfig = () =>
    action.run(async () => {
      setSaved(undefined);
      const response = await api.raw('GET', `/v1/file/config?section=${section}&raw=true`);
      const blob = await response.blob();
      const name = fileNameOf(response, section);
      download(blob, name);
      setSaved(`Saved ${name} (${Math.ceil(blob.size / 1024)} KiB).`);
    });
  return (
    <section className="panel form" aria-labelledby="export-title">
      <h2 id="export-title">Export the configuration</h2>
      <fieldset className="plain">
        <legend className="muted">What to export</legend>
        {SECTIONS.map((s) => (
          <label key={s.value} className="inline">
            <input type="radio" name="backup-section" value={s.value} checked={section === s.value} onChange={() => setSection(s.value)} />
            {s.title}
          </label>
        ))}
      </fieldset>
      <p className="muted">A backup with users holds their password hashes; only who may change users may export it.</p>
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy} onClick={() => void exportConfig()}>
          Export configuration
        </button>
        {action.busy && <span role="status">Exporting…</span>}
        {saved && (
          <span role="status" className="settings-ok">
            {saved}
          </span>
        )}
      </div>
      <FormError message={action.error} />
    </section>
  );
}

function ImportPanel() {
  const api = useApi();
  const action = useWrite();
  const [file, setFile] = useState<File>();
  const [trust, setTrust] = useState(false);
  const [task, setTask] = useState<ImportTask>();
  const [done, setDone] = useState<ImportTask>();

  const restore = () =>
    action.run(async () => {
      if (!file) throw new Error('Choose a backup file first.');
      setDone(undefined);
      setTask(undefined);
      setDone(await importBackup(api, file, trust, setTask));
    });

  return (
    <form
      className="panel form"
      aria-labelledby="import-title"
      onSubmit={(e) => {
        e.preventDefault();
        void restore();
      }}
    >
      <h2 id="import-title">Restore a backup</h2>
      <p className="notice">
        Restoring replaces every section the backup holds (policy, users and roles, system settings) at once; a damaged file
        changes nothing. Restoring users may end your session.
      </p>
      <label>
        Backup file
        <input type="file" accept=".gz,application/gzip" onChange={(e) => setFile(e.target.files?.[0])} />
      </label>
      <CheckField label="Trust a backup not signed by this cluster" checked={trust} onChange={setTrust} />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy || !file}>
          Restore backup
        </button>
      </div>
      {action.busy && (
        <div role="status">
          <progress className="settings-progress" aria-label="Import progress" max={100} value={task?.percentage || undefined} />
          <span>{task ? ` ${task.percentage}% ${task.status}` : ' Uploading…'}</span>
        </div>
      )}
      {done && (
        <p role="status" className="settings-ok">
          Restored {file?.name}: {done.status}, by {done.triggered_by || 'you'} at <Time value={done.last_update_time} />.
        </p>
      )}
      <FormError message={action.error} />
    </form>
  );
}
