// Checks every port `npm start` needs before anything starts: all distinct, all free; one message naming each problem port and what moves it.
import { PortsUnavailableError } from './start-errors';
import { isPortOpen, LOOPBACK } from '../../common/process/service-process';
import { PORT_SETTINGS, standInPorts, type StartPorts } from '../stand-ins/local-ports';

/** The ports a run uses: the stand-ins' (local-ports.ts standInPorts) and, with --sinks all, the dashboard's. */
export function portsInUse(withSinks: boolean): (keyof StartPorts)[] {
  const used = new Set<keyof StartPorts>([...standInPorts(withSinks), ...(withSinks ? (['dashboard'] as const) : [])]);
  return (Object.keys(PORT_SETTINGS) as (keyof StartPorts)[]).filter((k) => used.has(k));
}

/** Pure: two components configured on one port. */
export function duplicatePorts(ports: StartPorts, keys: readonly (keyof StartPorts)[]): string[] {
  const byPort = new Map<number, (keyof StartPorts)[]>();
  for (const key of keys) byPort.set(ports[key], [...(byPort.get(ports[key]) ?? []), key]);
  return [...byPort]
    .filter(([, owners]) => owners.length > 1)
    .map(
      ([port, owners]) =>
        `port ${port} is configured for both ${owners.map((o) => `the ${PORT_SETTINGS[o].what} (${PORT_SETTINGS[o].flag} / ${PORT_SETTINGS[o].variable})`).join(' and ')}: give each its own port`,
    );
}

export async function assertStartPorts(
  ports: StartPorts,
  withSinks: boolean,
  isOpen: (port: number) => Promise<boolean> = isPortOpen,
): Promise<void> {
  const keys = portsInUse(withSinks);
  const problems = duplicatePorts(ports, keys);
  for (const key of keys) {
    if (!(await isOpen(ports[key]))) continue;
    const s = PORT_SETTINGS[key];
    problems.push(
      `port ${ports[key]} (${s.what}) on ${LOOPBACK} is already in use (another \`npm start\`?): stop what holds it, or move it with ${s.flag} N or ${s.variable}=N`,
    );
  }
  if (problems.length > 0) throw new PortsUnavailableError(problems);
}
