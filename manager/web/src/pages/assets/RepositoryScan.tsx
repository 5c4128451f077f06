import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Modal } from '../../components/Modal';
import { Loading } from '../../components/States';
import { useApi } from '../../session';
import { ReportBody } from '../risks/ReportBody';
import type { Layer, ScanReport } from '../risks/scanReport';

/**
 * A one-off scan of an image in any registry (POST /v1/scan/repository, as a CI job asks): the controller answers
 * 304 while the scan runs and the same request is sent again, until the report comes.
 */
export function RepositoryScan({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const [f, setF] = useState({ registry: 'https://registry-1.docker.io/', repository: '', tag: 'latest', username: '', password: '', scan_layers: true });
  const [state, setState] = useState<{ running?: boolean; error?: string; report?: ScanReport & { layers?: Layer[] } }>({});
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ running: true });
    const body = JSON.stringify({ request: { ...f, repository: f.repository.trim(), tag: f.tag.trim() } });
    while (alive.current) {
      try {
        const response = await api.raw('POST', '/v1/scan/repository', body, { 'Content-Type': 'application/json' });
        const { report } = (await response.json()) as { report: ScanReport & { layers?: Layer[] } };
        if (alive.current) setState({ report });
        return;
      } catch (err) {
        if (err instanceof ApiError && err.status === 304) continue;
        if (alive.current) setState({ error: (err as Error).message });
        return;
      }
    }
  };
  const field = (key: 'registry' | 'repository' | 'tag' | 'username' | 'password', label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={f[key]} required={key === 'repository'} autoComplete="off" onChange={(e) => setF({ ...f, [key]: e.target.value })} />
    </label>
  );
  return (
    <Modal title="Scan an image" onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Image to scan">
        <div className="form-row">
          {field('registry', 'Registry URL')}
          {field('repository', 'Repository')}
          {field('tag', 'Tag')}
        </div>
        <div className="form-row">
          {field('username', 'User name')}
          {field('password', 'Password', 'password')}
          <label className="inline">
            <input type="checkbox" checked={f.scan_layers} onChange={(e) => setF({ ...f, scan_layers: e.target.checked })} />
            Scan layers
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={state.running}>
            Scan
          </button>
        </div>
      </form>
      {state.running && <Loading what="Scanning (this can take minutes)" />}
      {state.error && (
        <p className="form-error spaced" role="alert">
          {state.error}
        </p>
      )}
      {state.report && <ReportBody report={state.report} layers={state.report.layers} />}
    </Modal>
  );
}
