/** The review SPA: the path picks the screen (runs, run details, groups with an optional open group). */
import type { ReactElement } from 'react';
import { TopBar } from './components/top-bar.js';
import { matchRoute, paths, useLocation } from './router.js';
import { BlacklistScreen } from './screens/blacklist-screen.js';
import { GroupsScreen } from './screens/groups-screen.js';
import { MaintenanceScreen } from './screens/maintenance-screen.js';
import { RunDetailsScreen } from './screens/run-details-screen.js';
import { RunsScreen } from './screens/runs-screen.js';
import { NearMissScreen } from './workbench/near-miss-screen.js';
import { ThresholdScreen } from './workbench/threshold-screen.js';

export function App(): ReactElement {
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  switch (route.screen) {
    case 'runs':
      return <RunsScreen />;
    case 'blacklist':
      return <BlacklistScreen />;
    case 'maintenance':
      return <MaintenanceScreen />;
    case 'run':
      return <RunDetailsScreen key={route.runId} runId={route.runId} />;
    case 'groups':
      return <GroupsScreen key={route.runId} runId={route.runId} groupId={route.groupId} search={search} />;
    case 'near-misses':
      return <NearMissScreen key={route.runId} runId={route.runId} search={search} />;
    case 'thresholds':
      return <ThresholdScreen key={route.runId} runId={route.runId} />;
    default:
      return (
        <div className="screen">
          <TopBar crumbs={[{ text: 'Runs', href: paths.runs() }, { text: 'Not found' }]} />
          <main className="page">
            <p className="error">Nothing here: {route.path}</p>
          </main>
        </div>
      );
  }
}
