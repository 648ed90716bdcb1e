// The faults of `npm run chaos`: a seeded choice of N, and how each is injected into a running soak pipeline.
import { execFileSync } from 'node:child_process';
import { UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import { startLocalDaemon } from '../wiring/local-daemon';
import { waitForActive } from '../stand-ins/stream-setup';
import { listAllShards } from '../../common/aws/list-all-shards';
import { sleep } from '../../common/sleep';
import { collectThroughOutage } from './collector-outage';
import type { Logger } from '../../common/logger';
import type { SoakPipeline } from './soak-pipeline';
import type { SoakStack } from './soak-stack';

export const FAULT_KINDS = [
  'kill-consumer-child',
  'kill-daemon',
  'term-daemon',
  'second-worker',
  'reshard',
  'restart-postgres',
  'stop-s3',
  'poison-burst',
  'kinesis-outage',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const POISON_PER_BURST = 25;
export const S3_DOWN_MS = 20_000;

/** mulberry32: a small seeded generator, so a seed names one sequence of faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` faults drawn uniformly from FAULT_KINDS with `random`. */
export function chooseFaults(count: number, random: () => number): FaultKind[] {
  return Array.from(
    { length: count },
    () => FAULT_KINDS[Math.min(FAULT_KINDS.length - 1, Math.floor(random() * FAULT_KINDS.length))],
  );
}

export interface FaultContext {
  readonly stack: SoakStack;
  readonly pipeline: SoakPipeline;
  /** Shards of the fresh stream: reshards go up from it and back down to it. */
  readonly baseShards: number;
  readonly random: () => number;
  readonly progress: (line: string) => void;
  /** The soak's log (the outage fault's collector logs there). */
  readonly logger?: Logger;
}

/** Injects one fault and waits until the pipeline runs again (daemon back, stand-in up, stream ACTIVE); returns what was done. */
export async function injectFault(kind: FaultKind, ctx: FaultContext): Promise<string> {
  const { pipeline, stack } = ctx;
  switch (kind) {
    case 'kill-consumer-child': {
      // The daemon may be on its way out after an earlier fault: wait for one that has consumer children.
      const deadline = Date.now() + 120_000;
      let daemon = await runningDaemon(pipeline);
      let children = await childrenOf(daemon, 5_000);
      while (children.length === 0 && Date.now() < deadline) {
        daemon = await runningDaemon(pipeline);
        children = await childrenOf(daemon, 5_000);
      }
      if (children.length === 0) throw new Error(`no consumer child of daemon ${daemon} within 120 s`);
      const victim = children[Math.floor(ctx.random() * children.length)] ?? children[0];
      signal(victim, 'SIGKILL');
      await daemonReplaced(pipeline, daemon, 5_000);
      return `SIGKILL consumer child ${victim} of daemon ${daemon}`;
    }
    case 'kill-daemon':
    case 'term-daemon': {
      const daemon = await runningDaemon(pipeline);
      signal(daemon, kind === 'kill-daemon' ? 'SIGKILL' : 'SIGTERM');
      await daemonReplaced(pipeline, daemon, 120_000);
      return `${kind === 'kill-daemon' ? 'SIGKILL' : 'SIGTERM'} daemon ${daemon}, restarted as ${pipeline.supervisor.pid ?? '?'}`;
    }
    case 'second-worker': {
      const second = startLocalDaemon(pipeline.daemonOptions('soak-worker-2'));
      try {
        await second.waitForLog(/Initialization complete/, 120_000);
        // Long enough for lease balancing (failoverTimeMillis 4 s) to move shards to it.
        await sleep(15_000);
      } finally {
        await second.stop(30_000);
      }
      return `second worker ${second.pid} joined for 15 s and left (SIGTERM)`;
    }
    case 'reshard': {
      const kinesis = stack.factory.kinesis();
      const open = (await listAllShards(kinesis, pipeline.streamName)).filter(
        (s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined,
      ).length;
      const target = open <= ctx.baseShards ? open * 2 : Math.max(1, Math.ceil(open / 2));
      await waitForActive(kinesis, pipeline.streamName);
      await kinesis.send(
        new UpdateShardCountCommand({
          StreamName: pipeline.streamName,
          TargetShardCount: target,
          ScalingType: 'UNIFORM_SCALING',
        }),
      );
      await waitForActive(kinesis, pipeline.streamName);
      return `UpdateShardCount ${open} -> ${target}`;
    }
    case 'restart-postgres':
      await stack.restartPostgres();
      return 'PostgreSQL restarted (fast shutdown, cluster kept)';
    case 'stop-s3':
      await stack.bounceS3(S3_DOWN_MS);
      return `s3rver stopped for ${S3_DOWN_MS / 1000} s`;
    case 'kinesis-outage':
      return collectThroughOutage(stack, pipeline, ctx.progress, ctx.logger);
    case 'poison-burst':
      await pipeline.sendPoison(POISON_PER_BURST);
      return `${POISON_PER_BURST} poison records sent`;
  }
}

/** The supervised daemon's PID, waiting while it restarts. */
async function runningDaemon(pipeline: SoakPipeline, timeoutMs = 180_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = pipeline.supervisor.pid;
    if (pid !== undefined) return pid;
    if (Date.now() > deadline) throw new Error('the supervised daemon did not come back');
    await sleep(500);
  }
}

/** Waits until the supervisor runs a daemon other than `pid` (or `graceMs` passes with `pid` still running: it survived). */
async function daemonReplaced(pipeline: SoakPipeline, pid: number, graceMs: number): Promise<void> {
  const graceEnds = Date.now() + graceMs;
  for (;;) {
    const current = pipeline.supervisor.pid;
    if (current !== undefined && current !== pid) return;
    if (current === pid && Date.now() > graceEnds) return;
    if (Date.now() > graceEnds + 180_000) throw new Error(`daemon ${pid} was not replaced`);
    await sleep(500);
  }
}

/** Direct children of `pid` (the consumer processes of a daemon), waiting up to `timeoutMs` for at least one. */
async function childrenOf(pid: number, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
    const children = text
      .split('\n')
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter(([, ppid]) => ppid === pid)
      .map(([child]) => child as number);
    if (children.length > 0 || Date.now() > deadline) return children;
    await sleep(500);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
}
