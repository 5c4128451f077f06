import { useState } from 'react';
import { useApi } from '../../session';
import { useAsync } from '../../components/useAsync';
import type { PageProps } from '../routes';
import { AdmissionPanel } from './AdmissionPanel';
import { EventsPanel } from './EventsPanel';
import { exposureOf, type AssetView } from './exposure';
import { GroupsPanel } from './GroupsPanel';
import { ScorePanel } from './ScorePanel';
import { SummaryPanel } from './SummaryPanel';
import { useRefreshTick } from './useRefreshTick';
import { ExposedPanel, SeverityPanel } from './VulnerabilityPanels';
import './dashboard.css';

/**
 * The first page after login: each panel loads, fails and shows emptiness on its own, and all reload every 30 s
 * while the page is visible.
 */
export default function Dashboard(_: PageProps) {
  const api = useApi();
  const auto = useRefreshTick();
  const [asked, setAsked] = useState(0);
  const tick = auto + asked;
  // one call feeds two panels: /v1/scan/asset has every vulnerability with the containers and images it is in
  const exposure = useAsync(() => api.get<AssetView>('/v1/scan/asset').then((v) => exposureOf(v)), [api, tick]);
  return (
    <div className="dash">
      <div className="actions">
        <span className="muted">Refreshes every 30 seconds while shown.</span>
        <button type="button" onClick={() => setAsked((n) => n + 1)}>
          Refresh now
        </button>
      </div>
      <div className="dash-grid">
        <SummaryPanel tick={tick} />
        <ScorePanel tick={tick} />
        <SeverityPanel value={exposure} />
        <GroupsPanel tick={tick} />
        <AdmissionPanel tick={tick} />
        <EventsPanel tick={tick} />
        <ExposedPanel value={exposure} />
      </div>
    </div>
  );
}
