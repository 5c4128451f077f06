import { useState } from 'react';
import { Time } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { useApi, useSession } from '../../session';
import { useListWithRoles } from './useListWithRoles';
import type { PageProps } from '../routes';
import { ApiKeyDetails, Expiry, namespaceRoles, NewApiKeyDialog } from './ApiKeyDialogs';
import { Confirm } from '../../components/Confirm';
import type { ApiKey } from './types';
import './settings.css';

const columns: Column<ApiKey>[] = [
  { key: 'apikey_name', title: 'Name', sortable: true, filter: {} },
  { key: 'description', title: 'Description', sortable: true, filter: {} },
  { key: 'role', title: 'Role', sortable: true, filter: { op: 'eq' }, render: (k) => k.role || <span className="muted">none</span> },
  { key: 'role_domains', title: 'Namespace roles', render: namespaceRoles },
  { key: 'expiration_timestamp', title: 'Expires', sortable: true, render: (k) => <Expiry apikey={k} /> },
  { key: 'created_timestamp', title: 'Created', sortable: true, render: (k) => <Time value={k.created_timestamp} /> },
  { key: 'created_by_entity', title: 'Created by', sortable: true },
];

type Dialog = { kind: 'add' } | { kind: 'view' | 'delete'; apikey: ApiKey };

export default function ApiKeys(_: PageProps) {
  const api = useApi();
  const canWrite = useSession().canWrite('authorization');
  const [dialog, setDialog] = useState<Dialog>();
  const [reloadKey, setReloadKey] = useState(0);
  const { roles, fetchPage } = useListWithRoles<ApiKey>('/v1/api_key', 'apikeys');
  const closed = (changed: boolean) => {
    setDialog(undefined);
    if (changed) setReloadKey((k) => k + 1);
  };
  return (
    <>
      <p className="muted">
        Automation calls the API with a key instead of a login: <code>X-Auth-Apikey: NAME:SECRET</code>.
      </p>
      <DataTable
        label="API keys"
        columns={columns}
        fetchPage={fetchPage}
        rowKey={(k) => k.apikey_name}
        reloadKey={reloadKey}
        onRowActivate={(apikey) => setDialog({ kind: 'view', apikey })}
        empty="No API keys."
        toolbar={
          canWrite ? (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>
              Add API key
            </button>
          ) : (
            <span className="muted">Your role may view API keys, not change them.</span>
          )
        }
      />
      {dialog?.kind === 'add' && <NewApiKeyDialog roles={roles.global} domainRoles={roles.domain} onClose={closed} />}
      {dialog?.kind === 'view' && (
        <ApiKeyDetails
          apikey={dialog.apikey}
          canDelete={canWrite}
          onClose={() => closed(false)}
          onDelete={() => setDialog({ kind: 'delete', apikey: dialog.apikey })}
        />
      )}
      {dialog?.kind === 'delete' && (
        <Confirm
          title={`Delete API key ${dialog.apikey.apikey_name}`}
          message={`Delete the API key ${dialog.apikey.apikey_name}? Calls made with it are refused from now on.`}
          confirmLabel="Delete API key"
          onConfirm={() => api.delete(`/v1/api_key/${encodeURIComponent(dialog.apikey.apikey_name)}`)}
          onClose={closed}
        />
      )}
    </>
  );
}
