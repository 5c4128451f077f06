import { useCallback, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import type { PageRequest } from '../../api/listQuery';
import { Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { Modal } from '../../components/Modal';
import { useApi, useSession } from '../../session';
import { pageLocally } from '../../api/localPage';
import { FormError } from '../../components/FormError';
import { useWrite } from '../../components/useWrite';

/** An entry of the vulnerability profile (RESTVulnerabilityProfileEntry with its expiry). */
export interface ProfileEntry {
  id: number;
  name: string;
  comment: string;
  days: number;
  domains: string[];
  images: string[];
  expire_timestamp: number;
  expired: boolean;
}

export const PROFILE = '/v1/vulnerability/profile/default';
const DAY_SECONDS = 86_400;

/**
 * The default vulnerability profile: what is accepted (left out of reports and counts), for which namespaces and
 * images, until when; entries are added and removed one by one (POST and DELETE .../entry).
 */
export function AcceptanceProfile({ reloadKey, onChanged, onAccept }: { reloadKey: number; onChanged: () => void; onAccept: () => void }) {
  const api = useApi();
  const { canWrite } = useSession();
  const [error, setError] = useState<string>();
  // the profile is one record: its entries are answered whole and paged here
  const fetchPage = useCallback(
    (page: PageRequest) => api.get<{ profile: { entries: ProfileEntry[] } }>(PROFILE).then((r) => pageLocally(r.profile.entries ?? [], page)),
    [api],
  );
  const remove = (e: ProfileEntry) =>
    api.delete(`${PROFILE}/entry/${e.id}`).then(
      () => (setError(undefined), onChanged()),
      (err: ApiError) => setError(err.message),
    );
  const write = canWrite('vulnerability');
  const columns: Column<ProfileEntry>[] = [
    { key: 'name', title: 'Vulnerability', sortable: true, filter: {} },
    { key: 'comment', title: 'Comment', filter: {} },
    { key: 'domains', title: 'Namespaces', render: (e) => (e.domains ?? []).join(', ') || 'all' },
    { key: 'images', title: 'Images', render: (e) => (e.images ?? []).join(', ') || 'all' },
    { key: 'days', title: 'Published within', render: (e) => (e.name === 'recent_vuln' ? `${e.days} days` : '') },
    { key: 'expire_timestamp', title: 'Until', sortable: true, render: (e) => (e.expire_timestamp ? <>{e.expired && <span className="badge muted">expired</span>} <Time value={e.expire_timestamp} /></> : 'always') },
    ...(write
      ? [
          {
            key: 'remove',
            title: 'Remove',
            render: (e: ProfileEntry) => (
              <button type="button" className="danger" aria-label={`Remove the acceptance of ${e.name}`} onClick={(ev) => (ev.stopPropagation(), remove(e))}>
                Remove
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-label="Acceptance profile">
      <h2>Accepted vulnerabilities</h2>
      {error && (
        <p className="form-error spaced" role="alert">
          {error}
        </p>
      )}
      <DataTable
        label="Accepted vulnerabilities"
        columns={columns}
        fetchPage={fetchPage}
        rowKey={(e) => String(e.id)}
        reloadKey={reloadKey}
        empty="No vulnerability is accepted."
        toolbar={
          write && (
            <button type="button" onClick={onAccept}>
              Accept a vulnerability
            </button>
          )
        }
      />
    </section>
  );
}

/** Accepts a vulnerability: for some days or always, for some namespaces and images or all. */
export function AcceptForm({ name = '', onClose, onSaved, now = () => Date.now() }: { name?: string; onClose: () => void; onSaved: () => void; now?: () => number }) {
  const api = useApi();
  const [f, setF] = useState({ name, comment: '', forDays: '', days: '30', domains: '', images: '' });
  const write = useWrite();
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const forDays = Number(f.forDays || 0);
    const config = {
      name: f.name.trim(),
      comment: f.comment,
      days: f.name.trim() === 'recent_vuln' ? Number(f.days) : 0,
      domains: list(f.domains),
      images: list(f.images),
      expire_timestamp: forDays > 0 ? Math.floor(now() / 1000) + Math.round(forDays * DAY_SECONDS) : 0,
    };
    void write.run(() => api.post(`${PROFILE}/entry`, { config }), onSaved);
  };
  const field = (key: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} {...props} />
    </label>
  );
  return (
    <Modal title="Accept a vulnerability" onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Acceptance">
        {field('name', 'Vulnerability (CVE-…, GHSA-…, or recent_vuln)', { required: true })}
        {f.name.trim() === 'recent_vuln' && field('days', 'Published within (days)', { type: 'number', min: 1, max: 3650 })}
        {field('comment', 'Comment')}
        {field('forDays', 'For how many days (empty: always)', { type: 'number', min: 0, max: 3650, step: 'any' })}
        {field('domains', 'Only in namespaces (comma separated; empty: all)')}
        {field('images', 'Only for images (repository:tag, * wildcards, comma separated; empty: all)')}
        <FormError message={write.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={write.busy}>
            Accept
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
