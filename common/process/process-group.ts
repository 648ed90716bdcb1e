// Signals for a whole process group (a launcher started with `detached: true` leads one).
import { execFileSync } from 'node:child_process';

/** True while any process of the group led by `pgid` is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to every process of the group; returns false when the group is already gone. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** PIDs of the processes in group `pgid` (via `ps`), excluding the leader. */
export function groupMembers(pgid: number): number[] {
  try {
    const text = execFileSync('ps', ['-eo', 'pid=,pgid='], { encoding: 'utf8' });
    return text
      .split('\n')
      .map((line) => line.trim().split(/\s+/).map(Number))
      .filter(([pid, group]) => group === pgid && pid !== pgid && Number.isInteger(pid))
      .map(([pid]) => pid as number);
  } catch {
    return [];
  }
}

/** The command line of `pid`, or undefined when it is not running. */
export function commandLine(pid: number): string | undefined {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
