import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { useWrite } from '../../components/useWrite';
import { useApi } from '../../session';
import { AMAZON_ECR, GOOGLE_GCR, lines, type Registry } from './registry';

interface Fields {
  name: string;
  registry_type: string;
  registry: string;
  username: string;
  password: string;
  filters: string;
  domains: string;
  schedule: string;
  interval_hours: string;
  rescan_after_db_update: boolean;
  scan_layers: boolean;
  ignore_proxy: boolean;
  repo_limit: string;
  tag_limit: string;
  aws_id: string;
  aws_region: string;
  aws_access_key_id: string;
  aws_secret_access_key: string;
  gcr_json_key: string;
}

function fieldsOf(r?: Registry): Fields {
  return {
    name: r?.name ?? '',
    registry_type: r?.registry_type ?? 'Docker Registry',
    registry: r?.registry ?? '',
    username: r?.username ?? '',
    password: '',
    filters: (r?.filters ?? []).join('\n'),
    domains: (r?.domains ?? []).join(', '),
    schedule: r?.schedule.schedule ?? 'manual',
    interval_hours: r?.schedule.interval ? String(r.schedule.interval / 3600) : '24',
    rescan_after_db_update: r?.rescan_after_db_update ?? true,
    scan_layers: r?.scan_layers ?? true,
    ignore_proxy: r?.ignore_proxy ?? false,
    repo_limit: String(r?.repo_limit ?? 0),
    tag_limit: String(r?.tag_limit ?? 0),
    aws_id: r?.aws_key?.id ?? '',
    aws_region: r?.aws_key?.region ?? '',
    aws_access_key_id: '',
    aws_secret_access_key: '',
    gcr_json_key: '',
  };
}

/** The config body (RESTRegistryConfig); a secret left empty while editing is left out, so the stored one stays. */
export function configOf(f: Fields, editing: boolean): Record<string, unknown> {
  const config: Record<string, unknown> = {
    name: f.name.trim(),
    registry_type: f.registry_type,
    registry: f.registry.trim(),
    username: f.username.trim(),
    filters: lines(f.filters),
    domains: lines(f.domains),
    rescan_after_db_update: f.rescan_after_db_update,
    scan_layers: f.scan_layers,
    ignore_proxy: f.ignore_proxy,
    repo_limit: Number(f.repo_limit) || 0,
    tag_limit: Number(f.tag_limit) || 0,
    schedule: f.schedule === 'periodical' ? { schedule: 'periodical', interval: Math.round(Number(f.interval_hours) * 3600) } : { schedule: 'manual' },
  };
  if (f.password || !editing) config.password = f.password;
  if (f.registry_type === AMAZON_ECR) {
    const key: Record<string, string> = { id: f.aws_id.trim(), region: f.aws_region.trim() };
    if (f.aws_access_key_id) key.access_key_id = f.aws_access_key_id;
    if (f.aws_secret_access_key) key.secret_access_key = f.aws_secret_access_key;
    config.aws_key = key;
  }
  if (f.registry_type === GOOGLE_GCR && f.gcr_json_key) config.gcr_key = { json_key: f.gcr_json_key };
  return config;
}

/** Adds a registry (no `registry` given) or edits one. */
export function RegistryForm({ registry, onClose, onSaved }: { registry?: Registry; onClose: () => void; onSaved: (name: string) => void }) {
  const api = useApi();
  const editing = registry !== undefined;
  const [f, setF] = useState<Fields>(() => fieldsOf(registry));
  const write = useWrite();
  const types = useAsync(() => api.get<{ list: { registry_type: string[] } }>('/v1/list/registry_type').then((r) => r.list.registry_type), [api]);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setF((old) => ({ ...old, [key]: value }));
  const text = (key: keyof Fields, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={f[key] as string} onChange={(e) => set(key, e.target.value)} {...props} />
    </label>
  );
  const check = (key: 'rescan_after_db_update' | 'scan_layers' | 'ignore_proxy', label: string) => (
    <label className="inline">
      <input type="checkbox" checked={f[key]} onChange={(e) => set(key, e.target.checked)} />
      {label}
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const config = configOf(f, editing);
    void write.run(
      () => (editing ? api.patch(`/v1/scan/registry/${encodeURIComponent(registry.name)}`, { config }) : api.post('/v1/scan/registry', { config })),
      () => onSaved(config.name as string),
    );
  };
  return (
    <Modal title={editing ? `Edit registry ${registry.name}` : 'Add a registry'} onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Registry settings">
        <div className="form-row">
          {text('name', 'Name', { required: true, disabled: editing })}
          <AsyncView value={types}>
            {(list) => (
              <label>
                Type
                <select value={f.registry_type} onChange={(e) => set('registry_type', e.target.value)}>
                  {list.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              </label>
            )}
          </AsyncView>
        </div>
        {text('registry', 'Registry URL', { placeholder: 'https://registry.example.com/', required: f.registry_type !== AMAZON_ECR })}
        <div className="form-row">
          {text('username', 'User name', { autoComplete: 'off' })}
          {text('password', editing ? 'Password (empty keeps the stored one)' : 'Password', { type: 'password', autoComplete: 'new-password' })}
        </div>
        {f.registry_type === AMAZON_ECR && (
          <div className="form-row">
            {text('aws_id', 'AWS account id')}
            {text('aws_region', 'AWS region')}
            {text('aws_access_key_id', 'Access key id', { autoComplete: 'off' })}
            {text('aws_secret_access_key', 'Secret access key', { type: 'password', autoComplete: 'new-password' })}
          </div>
        )}
        {f.registry_type === GOOGLE_GCR && (
          <label>
            Service account JSON key{editing && ' (empty keeps the stored one)'}
            <textarea value={f.gcr_json_key} onChange={(e) => set('gcr_json_key', e.target.value)} />
          </label>
        )}
        <label>
          Filters (repository:tag with * wildcards, one a line)
          <textarea value={f.filters} onChange={(e) => set('filters', e.target.value)} placeholder="library/*:latest" />
        </label>
        {text('domains', 'Namespaces (comma separated; none: every namespace)')}
        <div className="form-row">
          <label>
            Schedule
            <select value={f.schedule} onChange={(e) => set('schedule', e.target.value)}>
              <option value="manual">manual</option>
              <option value="periodical">periodical</option>
            </select>
          </label>
          {f.schedule === 'periodical' && text('interval_hours', 'Every (hours)', { type: 'number', min: 0.1, max: 168, step: 'any' })}
          {text('repo_limit', 'Repository limit (0: none)', { type: 'number', min: 0 })}
          {text('tag_limit', 'Tag limit (0: none)', { type: 'number', min: 0 })}
        </div>
        <div className="form-row">
          {check('scan_layers', 'Scan layers')}
          {check('rescan_after_db_update', 'Scan again after a database update')}
          {check('ignore_proxy', 'Ignore the proxy')}
        </div>
        <FormError message={write.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={write.busy}>
            {editing ? 'Save' : 'Add'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
