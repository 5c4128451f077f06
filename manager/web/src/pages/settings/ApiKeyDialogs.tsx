import { useState } from 'react';
import { Time } from '../../components/Badges';
import { Modal } from '../../components/Modal';
import { useApi } from '../../session';
import { FormDialog } from '../../components/FormDialog';
import { NumberField, SelectField, TextField } from '../../components/Fields';
import { domainsOf, RoleDomainsEditor, roleOptions, type DomainRow } from './RoleDomains';
import type { ApiKey } from './types';
import { useWrite } from '../../components/useWrite';

export const EXPIRATIONS = [
  { value: 'never', title: 'Never' },
  { value: 'oneday', title: 'In one day' },
  { value: 'onemonth', title: 'In one month' },
  { value: 'oneyear', title: 'In one year' },
  { value: 'hours', title: 'After a number of hours' },
] as const;

type Expiration = (typeof EXPIRATIONS)[number]['value'];

interface Generated {
  name: string;
  secret: string;
}

/** Makes a key; the answer carries its secret, shown here once and never again. */
export function NewApiKeyDialog({ roles, domainRoles, onClose }: { roles: string[]; domainRoles: string[]; onClose: (changed: boolean) => void }) {
  const api = useApi();
  const action = useWrite();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [expiration, setExpiration] = useState<Expiration>('never');
  const [hours, setHours] = useState(24);
  const [role, setRole] = useState('reader');
  const [domains, setDomains] = useState<DomainRow[]>([]);
  const [generated, setGenerated] = useState<Generated>();

  const create = async () => {
    const apikey = {
      apikey_name: name.trim(),
      description,
      expiration_type: expiration,
      ...(expiration === 'hours' ? { expiration_hours: hours } : {}),
      role,
      role_domains: domainsOf(domains),
    };
    await action.run(async () => {
      const answer = await api.post<{ apikey: { apikey_name: string; apikey_secret: string } }>('/v1/api_key', { apikey });
      setGenerated({ name: answer.apikey.apikey_name, secret: answer.apikey.apikey_secret });
    });
  };

  if (generated) return <SecretOnce generated={generated} onClose={() => onClose(true)} />;
  return (
    <FormDialog title="Add API key" write={action} onSubmit={() => void create()} onClose={() => onClose(false)} saveLabel="Add API key" noValidate>
      <TextField label="Key name" value={name} onChange={setName} required autoComplete="off" />
      <TextField label="Description" value={description} onChange={setDescription} />
      <div className="form-row">
        <SelectField label="Expires" value={expiration} options={EXPIRATIONS} onChange={setExpiration} />
        {expiration === 'hours' && <NumberField label="Hours" value={hours} onChange={setHours} min={1} max={87600} />}
        <SelectField label="Role" value={role} options={roleOptions(roles)} onChange={setRole} />
      </div>
      <RoleDomainsEditor rows={domains} roles={domainRoles} onChange={setDomains} />
    </FormDialog>
  );
}

/** The new key's secret, with a copy button and how to use it; closing forgets it. */
function SecretOnce({ generated, onClose }: { generated: Generated; onClose: () => void }) {
  const header = `${generated.name}:${generated.secret}`;
  const [copied, setCopied] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(header);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser refused the clipboard: select the value and copy it.');
    }
  };
  return (
    <Modal
      title={`API key ${generated.name} created`}
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          I have saved the secret
        </button>
      }
    >
      <p className="notice">This secret is shown only now: the controller keeps only its hash. Copy it before closing.</p>
      <div className="settings-secret">
        <code aria-label="API key secret">{header}</code>
        <button type="button" onClick={() => void copy()}>
          Copy secret
        </button>
      </div>
      <p role="status" className="muted">
        {copied}
      </p>
      <p>Send it with every API call in the header, here through this console's address:</p>
      <pre className="settings-usage">{`curl -H 'X-Auth-Apikey: ${header}' ${window.location.origin}/v1/workload`}</pre>
    </Modal>
  );
}

/** A key's details (never its secret), and its deletion. */
export function ApiKeyDetails({ apikey, canDelete, onClose, onDelete }: { apikey: ApiKey; canDelete: boolean; onClose: () => void; onDelete: () => void }) {
  return (
    <Modal
      title={`API key ${apikey.apikey_name}`}
      onClose={onClose}
      footer={
        <>
          {canDelete && (
            <button type="button" className="danger" onClick={onDelete}>
              Delete API key…
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Close key
          </button>
        </>
      }
    >
      <dl className="kv">
        <dt>Description</dt>
        <dd>{apikey.description || <span className="muted">–</span>}</dd>
        <dt>Role</dt>
        <dd>{apikey.role || 'none'}</dd>
        <dt>Namespace roles</dt>
        <dd>{namespaceRoles(apikey)}</dd>
        <dt>Expires</dt>
        <dd>
          <Expiry apikey={apikey} />
        </dd>
        <dt>Created</dt>
        <dd>
          <Time value={apikey.created_timestamp} />
        </dd>
        <dt>Created by</dt>
        <dd>{apikey.created_by_entity}</dd>
      </dl>
    </Modal>
  );
}

export function namespaceRoles(k: { role_domains?: Record<string, string[]> }): string {
  return Object.entries(k.role_domains ?? {}).map(([r, ns]) => `${r}: ${ns.join(', ')}`).join('; ') || '–';
}

export function Expiry({ apikey }: { apikey: ApiKey }) {
  if (!apikey.expiration_timestamp) return <span>Never</span>;
  return <Time value={apikey.expiration_timestamp} />;
}
