import { useState } from 'react';
import { ModeBadge } from '../../components/Badges';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { useWrite } from '../../components/useWrite';
import { useApi, useSession } from '../../session';
import { clusterOf, verdictOf, type Conversation, type Endpoint } from './model';
import { formatBytes, VerdictBadge } from './format';
import { SidePanel } from './SidePanel';

export interface NodePanelProps {
  endpoint: Endpoint;
  /** Its conversations, each with the other end's name. */
  conversations: { conversation: Conversation; peer: string; outgoing: boolean }[];
  onSelectConversation: (c: Conversation) => void;
  onClose: () => void;
  /** After a quarantine or a release: the graph is read again. */
  onChanged: () => void;
  /** Draws the endpoint's group as one node. */
  onCollapse: () => void;
}

/** A selected endpoint: its fields, its conversations, and quarantine or release for a container. */
export function NodePanel({ endpoint, conversations, onSelectConversation, onClose, onChanged, onCollapse }: NodePanelProps) {
  const api = useApi();
  const { canWrite } = useSession();
  const [confirm, setConfirm] = useState(false);
  const write = useWrite();
  const quarantined = endpoint.state === 'quarantined';
  const canQuarantine = endpoint.kind === 'container' && endpoint.state !== 'exit' && canWrite('rt_policy');
  const action = quarantined ? 'Release' : 'Quarantine';

  const apply = async () => {
    await write.run(() => api.patch(`/v1/workload/${encodeURIComponent(endpoint.id)}`, { config: { quarantine: !quarantined } }), onChanged);
    setConfirm(false);
  };

  return (
    <SidePanel label={`Node ${endpoint.name}`} title={endpoint.name} what="node" onClose={onClose}>
      <dl className="kv">
        <dt>Kind</dt>
        <dd>{endpoint.kind}</dd>
        <dt>Group</dt>
        <dd>{endpoint.service_group || '–'}</dd>
        <dt>Namespace</dt>
        <dd>{endpoint.domain || '–'}</dd>
        <dt>Policy mode</dt>
        <dd>
          <ModeBadge mode={endpoint.policy_mode} />
        </dd>
        <dt>State</dt>
        <dd>{endpoint.state || '–'}</dd>
        {endpoint.quarantine_reason && (
          <>
            <dt>Quarantined for</dt>
            <dd>{endpoint.quarantine_reason}</dd>
          </>
        )}
        {endpoint.image && (
          <>
            <dt>Image</dt>
            <dd className="mono">{endpoint.image}</dd>
          </>
        )}
        {endpoint.host_name && (
          <>
            <dt>Node</dt>
            <dd>{endpoint.host_name}</dd>
          </>
        )}
        <dt>Id</dt>
        <dd className="mono">{endpoint.id}</dd>
      </dl>
      <div className="actions nw-actions">
        {canQuarantine && (
          <button type="button" className={quarantined ? undefined : 'danger'} disabled={write.busy} onClick={() => setConfirm(true)}>
            {action}
          </button>
        )}
        <button type="button" onClick={onCollapse}>
          Collapse group {clusterOf(endpoint)}
        </button>
      </div>
      <FormError message={write.error && `${action} failed: ${write.error}`} />
      <h3>Conversations ({conversations.length})</h3>
      {conversations.length === 0 ? (
        <p className="muted">No conversations.</p>
      ) : (
        <ul className="nw-links">
          {conversations.map(({ conversation: c, peer, outgoing }) => (
            <li key={`${c.from}\u0000${c.to}`}>
              <button type="button" className="link" onClick={() => onSelectConversation(c)}>
                {outgoing ? `to ${peer}` : `from ${peer}`}
              </button>{' '}
              <VerdictBadge verdict={verdictOf(c.policy_action)} /> <span className="muted">{formatBytes(c.bytes)}</span>
            </li>
          ))}
        </ul>
      )}
      {confirm && (
        <Modal
          title={`${action} ${endpoint.name}?`}
          onClose={() => setConfirm(false)}
          footer={
            <>
              <button type="button" onClick={() => setConfirm(false)}>
                Cancel
              </button>
              <button type="button" className={quarantined ? 'primary' : 'danger'} disabled={write.busy} onClick={apply}>
                {action}
              </button>
            </>
          }
        >
          <p>
            {quarantined
              ? `The container ${endpoint.name} may talk on the network again, as its group's rules allow.`
              : `The container ${endpoint.name} is cut off from the network: every connection to or from it is dropped until it is released.`}
          </p>
        </Modal>
      )}
    </SidePanel>
  );
}
