// Starts the dashboard server on 127.0.0.1:0 over a given SelectionReader, as the CLI wires it (views, live events).
import { NullLogger } from '../../common/logger';
import type { CheckpointView } from '../../operator/monitor/checkpoint-view';
import type { SelectionReader } from '../../reporting/posts/selection-reader';
import { DashboardViews } from '../../reporting/dashboard/dashboard-views';
import {
  startDashboardServer,
  type DashboardServerOptions,
  type RunningDashboard,
} from '../../reporting/dashboard/dashboard-server';
import { DEFAULT_ALLOWED_HOSTS } from '../../reporting/dashboard/host-guard';
import { LiveEvents } from '../../reporting/dashboard/live-events';

export function startTestDashboard(
  reader: SelectionReader,
  overrides: Partial<DashboardServerOptions> & {
    readonly reuseMs?: number;
    readonly checkpoints?: CheckpointView;
    readonly now?: () => number;
  } = {},
): Promise<RunningDashboard> {
  const timeZone = overrides.timeZone ?? 'UTC';
  const refreshSeconds = overrides.refreshSeconds ?? 1;
  const views = new DashboardViews(
    reader,
    {
      timeZone,
      liveReuseMs: overrides.reuseMs ?? refreshSeconds * 1000,
      fixedReuseMs: overrides.reuseMs ?? 60_000,
      topTerms: 20,
    },
    overrides.now,
  );
  const live = new LiveEvents(
    reader,
    views,
    { tickMs: 200, idlePushMs: refreshSeconds * 1000 },
    new NullLogger(),
    overrides.now,
  );
  return startDashboardServer(
    {
      views,
      live,
      ...(overrides.checkpoints === undefined ? {} : { checkpoints: overrides.checkpoints }),
      ...(overrides.now === undefined ? {} : { now: overrides.now }),
    },
    {
      port: 0,
      defaultMinutes: 15,
      refreshSeconds,
      timeZone,
      allowedHosts: DEFAULT_ALLOWED_HOSTS,
      defaultLocale: 'en',
      exportMaxRows: 100_000,
      ...overrides,
    },
    new NullLogger(),
  );
}
