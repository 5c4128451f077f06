import { useCallback, useState } from 'react';
import type { PageRequest } from '../../api/listQuery';
import { DataTable, type Column } from '../../components/DataTable';
import { FormDialog } from '../../components/FormDialog';
import { useApi } from '../../session';
import { Confirm } from '../../components/Confirm';
import { CheckField, SelectField, TextField } from '../../components/Fields';
import { pageLocally } from '../../api/localPage';
import type { SystemConfig, Webhook } from './types';
import { useWrite } from '../../components/useWrite';

const PATH = '/v1/system/config/webhook';
const TYPES: { value: string; title: string }[] = [
  { value: '', title: 'Default' },
  { value: 'Slack', title: 'Slack' },
  { value: 'JSON', title: 'JSON' },
  { value: 'Teams', title: 'Teams' },
];
const typeTitle = (type: string) => TYPES.find((t) => t.value === type)?.title ?? type;
const yes = (on: boolean) => (on ? 'Yes' : 'No');

const columns: Column<Webhook>[] = [
  { key: 'name', title: 'Name', sortable: true, filter: {} },
  { key: 'url', title: 'URL', sortable: true, filter: {} },
  { key: 'type', title: 'Type', sortable: true, render: (w) => typeTitle(w.type) },
  { key: 'enable', title: 'Enabled', render: (w) => yes(w.enable) },
  { key: 'use_proxy', title: 'Through the proxy', render: (w) => yes(w.use_proxy) },
];

type Dialog = { kind: 'add' } | { kind: 'edit' | 'delete'; hook: Webhook };

/** The webhooks response rules notify (held in the system config, changed one by one). */
export function Webhooks({ canWrite }: { canWrite: boolean }) {
  const api = useApi();
  const [dialog, setDialog] = useState<Dialog>();
  const [reloadKey, setReloadKey] = useState(0);
  // the webhooks come with the whole system config, without a list query: paged here
  const fetchPage = useCallback(
    async (page: PageRequest) => pageLocally((await api.get<{ config: SystemConfig }>('/v1/system/config')).config.webhooks ?? [], page),
    [api],
  );
  const closed = (changed: boolean) => {
    setDialog(undefined);
    if (changed) setReloadKey((k) => k + 1);
  };
  return (
    <section className="panel settings-wide" aria-labelledby="section-webhooks">
      <h2 id="section-webhooks">Webhooks</h2>
      <DataTable
        label="Webhooks"
        columns={columns}
        fetchPage={fetchPage}
        rowKey={(w) => w.name}
        pageSize={10}
        reloadKey={reloadKey}
        onRowActivate={(hook) => setDialog({ kind: 'edit', hook })}
        empty="No webhooks."
        toolbar={
          canWrite && (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>
              Add webhook
            </button>
          )
        }
      />
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <WebhookDialog
          hook={dialog.kind === 'edit' ? dialog.hook : undefined}
          readOnly={!canWrite}
          onClose={closed}
          onDelete={(hook) => setDialog({ kind: 'delete', hook })}
        />
      )}
      {dialog?.kind === 'delete' && (
        <Confirm
          title={`Delete webhook ${dialog.hook.name}`}
          message={`Delete the webhook ${dialog.hook.name}? Response rules that name it stop notifying it.`}
          confirmLabel="Delete webhook"
          onConfirm={() => api.delete(`${PATH}/${encodeURIComponent(dialog.hook.name)}`)}
          onClose={closed}
        />
      )}
    </section>
  );
}

function WebhookDialog({ hook, readOnly, onClose, onDelete }: {
  hook?: Webhook;
  readOnly: boolean;
  onClose: (changed: boolean) => void;
  onDelete: (hook: Webhook) => void;
}) {
  const api = useApi();
  const action = useWrite();
  const [draft, setDraft] = useState<Webhook>(hook ?? { name: '', url: '', enable: true, use_proxy: false, type: '' });
  const set = <K extends keyof Webhook>(key: K) => (value: Webhook[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async () => {
    const config = { ...draft, name: draft.name.trim(), cfg_type: 'user_created' };
    const ok = await action.run(() => (hook ? api.patch(`${PATH}/${encodeURIComponent(hook.name)}`, { config }) : api.post(PATH, { config })));
    if (ok) onClose(true);
  };
  return (
    <FormDialog
      title={hook ? `Webhook ${hook.name}` : 'Add webhook'}
      write={action}
      onSubmit={() => void save()}
      onClose={() => onClose(false)}
      readOnly={readOnly}
      noValidate
      closeLabel={readOnly ? 'Close webhook' : 'Cancel'}
      saveLabel={hook ? 'Save webhook' : 'Add webhook'}
      footerStart={
        hook &&
        !readOnly && (
          <button type="button" className="danger" onClick={() => onDelete(hook)}>
            Delete webhook…
          </button>
        )
      }
    >
      <fieldset className="plain" disabled={readOnly}>
        {!hook && <TextField label="Webhook name" value={draft.name} onChange={set('name')} autoComplete="off" />}
        <TextField label="Webhook URL" type="url" value={draft.url} onChange={set('url')} />
        <SelectField label="Webhook type" value={draft.type} options={TYPES} onChange={set('type')} />
        <CheckField label="Enabled" checked={draft.enable} onChange={set('enable')} />
        <CheckField label="Send through the registry proxy" checked={draft.use_proxy} onChange={set('use_proxy')} />
      </fieldset>
    </FormDialog>
  );
}
