// The KCL daemon under a supervisor: restarted with backoff when it exits (it exits when a consumer child dies), PIDs recorded.
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import { releaseLocalLeaderLock, startLocalDaemon, type LocalDaemonOptions } from './local-daemon';
import { MULTILANG_DAEMON_CLASS } from '../../daemon/kcl-daemon';
import type { PidRegistry } from '../../common/process/pid-registry';
import { Supervisor, type RestartPolicy } from '../supervisor';

export interface SupervisedDaemonOptions {
  readonly daemon: LocalDaemonOptions;
  readonly registry?: PidRegistry;
  readonly logger: Logger;
  readonly restartPolicy?: RestartPolicy;
  readonly readyTimeoutMs?: number;
  readonly stopGraceMs?: number;
}

/** Starts the daemon, waits until its scheduler runs, and keeps it running until `stop()`. */
export async function superviseDaemon(options: SupervisedDaemonOptions): Promise<Supervisor> {
  const supervisor = new Supervisor({
    start: async () => {
      // A daemon of ours that crashed before this supervisor ran may still hold KCL 3's leader lock (2-minute lease).
      const released = await releaseLocalLeaderLock(options.daemon).catch(() => 'none');
      if (released === 'released')
        options.logger.info('released the KCL 3 leader lock a dead daemon of this worker held', {
          workerId: options.daemon.workerId,
        });
      const daemon = startLocalDaemon(options.daemon);
      options.registry?.add({
        name: `kcl-daemon-${options.daemon.workerId}`,
        pid: daemon.pid,
        group: true,
        marker: MULTILANG_DAEMON_CLASS,
      });
      void daemon.exited.then(() => options.registry?.remove(daemon.pid));
      try {
        await daemon.waitForLog(/Initialization complete/, options.readyTimeoutMs ?? 180_000);
      } catch (error: unknown) {
        await daemon.stop(1_000);
        throw error;
      }
      return { pid: daemon.pid, exited: daemon.exited, stop: () => daemon.stop(options.stopGraceMs ?? 30_000) };
    },
    ...(options.restartPolicy === undefined ? {} : { restartPolicy: options.restartPolicy }),
    onEvent: (event) => {
      if (event.type === 'started') options.logger.info('daemon running', { pid: event.pid, attempt: event.attempt });
      if (event.type === 'exited')
        options.logger.warn('daemon exited; restarting', {
          pid: event.pid,
          code: event.exit.code,
          signal: event.exit.signal,
          restartInMs: event.restartInMs,
        });
      if (event.type === 'start-failed')
        options.logger.error('daemon failed to start; retrying', {
          error: describeError(event.error),
          restartInMs: event.restartInMs,
        });
    },
  });
  await supervisor.start();
  return supervisor;
}
