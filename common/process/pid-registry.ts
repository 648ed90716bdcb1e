// Records the PIDs the local stack starts in a JSON file, so the next start can stop what a hard-killed run left behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive, stopPid } from './service-process';
import { commandLine, groupAlive, killGroup } from './process-group';
import { sleep } from '../sleep';

export interface PidRecord {
  readonly name: string;
  readonly pid: number;
  /** True when the process leads its own group (the KCL daemon): its children are stopped with it. */
  readonly group: boolean;
  /** A fragment of the command line that identifies the process, so a recycled PID is never killed. */
  readonly marker: string;
}

export class PidRegistry {
  public constructor(public readonly file: string) {}

  public list(): PidRecord[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter(isPidRecord) : [];
    } catch {
      return [];
    }
  }

  public add(record: PidRecord): void {
    this.write([...this.list().filter((r) => r.pid !== record.pid), record]);
  }

  public remove(pid: number): void {
    this.write(this.list().filter((r) => r.pid !== pid));
  }

  private write(records: readonly PidRecord[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(records, null, 2)}\n`);
    fs.renameSync(temporary, this.file);
  }
}

/** Stops every recorded process still running whose command line still matches its marker; returns what it stopped. */
export async function stopStaleProcesses(registry: PidRegistry): Promise<PidRecord[]> {
  const stopped: PidRecord[] = [];
  for (const record of registry.list()) {
    const command = commandLine(record.pid);
    const matches = command !== undefined && command.includes(record.marker);
    if (matches) {
      stopped.push(record);
      await stopPid(record.pid, 10_000);
    }
    if (record.group && (matches || !isAlive(record.pid)) && groupAlive(record.pid)) {
      killGroup(record.pid, 'SIGKILL');
      await sleep(200);
    }
    registry.remove(record.pid);
  }
  return stopped;
}

function isPidRecord(value: unknown): value is PidRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.name === 'string' &&
    typeof record.pid === 'number' &&
    Number.isInteger(record.pid) &&
    record.pid > 1 &&
    typeof record.group === 'boolean' &&
    typeof record.marker === 'string' &&
    record.marker.length > 0
  );
}
