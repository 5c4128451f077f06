import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AsyncView, Empty } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { useApi } from '../../session';
import type { PageProps } from '../routes';
import { EdgePanel } from './EdgePanel';
import { GraphCanvas } from './GraphCanvas';
import { GroupPanel } from './GroupPanel';
import { layoutGraph } from './layout';
import { makeScene } from './draw';
import { buildGraph, clusterOf, edgeId, parseListing, verdictOf, type Conversation, type Endpoint, type Listing } from './model';
import { ConversationList, EndpointList } from './NetworkLists';
import { NodePanel } from './NodePanel';
import './network.css';

/** The graph is read again this often while the page is visible. */
const REFRESH_MS = 10_000;

type Selection = { kind: 'node'; id: string; endpoint?: Endpoint } | { kind: 'edge'; id: string } | undefined;
type ListTab = 'nodes' | 'conversations';

/**
 * NeuVector's network activity: the conversations between containers, nodes, addresses and the outside as a graph
 * (GET /v1/conversation), containers clustered by group; a node's or an edge's details beside it, and the same
 * data as lists below.
 */
export default function NetworkActivity(_: PageProps) {
  const api = useApi();
  const [domain, setDomain] = useState('');
  const [group, setGroup] = useState('');
  const [violationsOnly, setViolationsOnly] = useState(false);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = useState<Selection>();
  const [fitRequest, setFitRequest] = useState(0);
  const [listTab, setListTab] = useState<ListTab>('nodes');
  const [refreshed, setRefreshed] = useState(0);

  const data = useAsync(() => {
    const query: Record<string, string> = {};
    if (domain) query.f_domain = `eq,${domain}`;
    if (group) query.f_group = `eq,${group}`;
    return api.get<unknown>('/v1/conversation', query).then(parseListing);
  }, [api, domain, group]);
  const { reload } = data;
  const refresh = useCallback(() => {
    reload();
    setRefreshed((n) => n + 1);
  }, [reload]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  // the filters offer every namespace and group seen since the page opened, not only those of the filtered answer
  const seen = useRef({ domains: new Set<string>(), groups: new Set<string>() });
  const options = useMemo(() => {
    for (const e of data.data?.endpoints ?? []) {
      if (e.domain) seen.current.domains.add(e.domain);
      if (e.service_group) seen.current.groups.add(e.service_group);
    }
    return { domains: [...seen.current.domains].sort(), groups: [...seen.current.groups].sort() };
  }, [data.data]);

  const toggleCluster = (name: string) => {
    const next = new Set(collapsed);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setCollapsed(next);
  };

  return (
    <div className="nw-page">
      <div className="toolbar nw-toolbar" role="group" aria-label="Graph filters">
        <label className="inline">
          Namespace
          <select value={domain} onChange={(e) => setDomain(e.target.value)}>
            <option value="">All</option>
            {options.domains.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          Group
          <select value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">All</option>
            {options.groups.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={violationsOnly} onChange={(e) => setViolationsOnly(e.target.checked)} />
          Only violations
        </label>
        <span className="spacer" />
        <button type="button" onClick={() => data.data && setCollapsed(new Set(clusterNames(data.data)))}>
          Collapse all groups
        </button>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all groups
        </button>
        <button type="button" onClick={() => setFitRequest((n) => n + 1)}>
          Fit
        </button>
        <button type="button" onClick={refresh} aria-busy={data.loading}>
          Refresh
        </button>
      </div>
      <AsyncView value={data}>
        {(listing) => (
          <Activity
            listing={listing}
            filtered={Boolean(domain || group || violationsOnly)}
            violationsOnly={violationsOnly}
            collapsed={collapsed}
            toggleCluster={toggleCluster}
            selection={selection}
            setSelection={setSelection}
            fitKey={`${domain}\u0000${group}\u0000${violationsOnly}\u0000${[...collapsed].join('\u0000')}`}
            fitRequest={fitRequest}
            onChanged={refresh}
            listTab={listTab}
            setListTab={setListTab}
            domain={domain}
            group={group}
            refreshed={refreshed}
          />
        )}
      </AsyncView>
    </div>
  );
}

function clusterNames(listing: Listing): string[] {
  return [...new Set(listing.endpoints.map(clusterOf))];
}

interface ActivityProps {
  listing: Listing;
  filtered: boolean;
  violationsOnly: boolean;
  collapsed: ReadonlySet<string>;
  toggleCluster: (name: string) => void;
  selection: Selection;
  setSelection: (s: Selection) => void;
  fitKey: string;
  fitRequest: number;
  onChanged: () => void;
  listTab: ListTab;
  setListTab: (t: ListTab) => void;
  domain: string;
  group: string;
  refreshed: number;
}

function Activity(props: ActivityProps) {
  const { listing, selection, setSelection, collapsed, violationsOnly } = props;
  const graph = useMemo(() => buildGraph(listing, { collapsed, violationsOnly }), [listing, collapsed, violationsOnly]);
  const scene = useMemo(() => makeScene(graph, layoutGraph(graph)), [graph]);
  const endpoints = useMemo(() => new Map(listing.endpoints.map((e) => [e.id, e])), [listing]);
  const edges = useMemo(() => new Map(graph.edges.map((e, k) => [e.id, k])), [graph]);
  const nameOf = useCallback(
    (id: string) => endpoints.get(id)?.name ?? graph.nodes[graph.index.get(id) ?? -1]?.label ?? id,
    [endpoints, graph],
  );
  const shownConversations = useMemo(
    () => (violationsOnly ? listing.conversations.filter((c) => verdictOf(c.policy_action) !== 'allowed') : listing.conversations),
    [listing, violationsOnly],
  );

  const selectConversation = (c: Conversation) => {
    const from = graph.nodeOf.get(c.from);
    const to = graph.nodeOf.get(c.to);
    if (from && to) setSelection({ kind: 'edge', id: edgeId(from, to) });
  };
  const selectEndpoint = (e: Endpoint) => {
    const cluster = clusterOf(e);
    if (collapsed.has(cluster)) props.toggleCluster(cluster);
    setSelection({ kind: 'node', id: e.id, endpoint: e });
  };

  const nodeIndex = selection?.kind === 'node' ? graph.index.get(selection.id) ?? -1 : -1;
  const edgeIndex = selection?.kind === 'edge' ? edges.get(selection.id) ?? -1 : -1;
  const panel = (() => {
    if (selection?.kind === 'edge') {
      return edgeIndex >= 0 ? <EdgePanel key={selection.id} edge={graph.edges[edgeIndex]} nameOf={nameOf} onClose={() => setSelection(undefined)} /> : undefined;
    }
    if (selection?.kind !== 'node') return undefined;
    const node = nodeIndex >= 0 ? graph.nodes[nodeIndex] : undefined;
    if (node?.kind === 'group') {
      return (
        <GroupPanel
          name={node.cluster}
          members={node.members}
          onExpand={() => props.toggleCluster(node.cluster)}
          onSelectMember={selectEndpoint}
          onClose={() => setSelection(undefined)}
        />
      );
    }
    const endpoint = node?.endpoint ?? endpoints.get(selection.id) ?? selection.endpoint;
    if (!endpoint) return undefined;
    const own = listing.conversations
      .filter((c) => c.from === endpoint.id || c.to === endpoint.id)
      .map((c) => ({ conversation: c, outgoing: c.from === endpoint.id, peer: nameOf(c.from === endpoint.id ? c.to : c.from) }));
    return (
      <NodePanel
        key={endpoint.id}
        endpoint={endpoint}
        conversations={own}
        onSelectConversation={selectConversation}
        onClose={() => setSelection(undefined)}
        onChanged={props.onChanged}
        onCollapse={() => {
          props.toggleCluster(clusterOf(endpoint));
          setSelection(undefined);
        }}
      />
    );
  })();

  return (
    <>
      {listing.truncated && (
        <p className="notice">The controller answered more than the console draws: some endpoints or conversations are left out.</p>
      )}
      <Legend />
      <div className={panel ? 'nw-main with-panel' : 'nw-main'}>
        {graph.nodes.length === 0 ? (
          <Empty>{props.filtered ? 'Nothing matches the filters.' : 'No network activity yet.'}</Empty>
        ) : (
          <GraphCanvas
            scene={scene}
            selectedNode={nodeIndex}
            selectedEdge={edgeIndex}
            onSelectNode={(i) => setSelection({ kind: 'node', id: graph.nodes[i].id })}
            onSelectEdge={(k) => setSelection({ kind: 'edge', id: graph.edges[k].id })}
            onClear={() => setSelection(undefined)}
            fitKey={props.fitKey}
            fitRequest={props.fitRequest}
          />
        )}
        {panel}
      </div>
      <Tabs
        label="Lists"
        tabs={[
          { key: 'nodes', title: 'Nodes' },
          { key: 'conversations', title: 'Conversations' },
        ]}
        active={props.listTab}
        onChange={props.setListTab}
      />
      {props.listTab === 'nodes' ? (
        <EndpointList
          domain={props.domain}
          group={props.group}
          activeId={selection?.kind === 'node' ? selection.id : undefined}
          reloadKey={props.refreshed}
          onActivate={selectEndpoint}
        />
      ) : (
        <ConversationList
          conversations={shownConversations}
          nameOf={nameOf}
          activeKey={selection?.kind === 'edge' ? selection.id : undefined}
          onActivate={selectConversation}
        />
      )}
    </>
  );
}

function Legend() {
  const items: [string, string][] = [
    ['nw-swatch-line allowed', 'Allowed'],
    ['nw-swatch-line violation', 'Violation'],
    ['nw-swatch-line denied', 'Denied'],
    ['nw-swatch discover', 'Discover'],
    ['nw-swatch monitor', 'Monitor'],
    ['nw-swatch protect', 'Protect'],
    ['nw-swatch quarantined', 'Quarantined'],
    ['nw-swatch group', 'Collapsed group'],
  ];
  return (
    <ul className="nw-legend" aria-label="Legend">
      {items.map(([className, title]) => (
        <li key={title}>
          <span className={className} aria-hidden="true" /> {title}
        </li>
      ))}
    </ul>
  );
}
