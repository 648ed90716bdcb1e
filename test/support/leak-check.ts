// Mocha global teardown: after the last test (and the root after hooks that stop shared stand-ins), nothing may keep the process alive.
// Without `exit: true` a leaked timer, socket, server or child would hang the run; this names it and fails the run instead.
import { createHook } from 'node:async_hooks';

/** Handles Node keeps for its own stdio; everything else left after the run is a leak. */
const EXPECTED = new Set(['TTYWrap', 'PipeWrap', 'FSReqCallback', 'FSReqPromise', 'TickObject', 'Immediate']);
/** Grace for handles that are already closing (a socket's end, a child's exit event) to go away. */
const GRACE_MS = 2_000;

export async function mochaGlobalTeardown(): Promise<void> {
  const deadline = Date.now() + GRACE_MS;
  let leaked = leftovers();
  while (leaked.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100).unref());
    leaked = leftovers();
  }
  if (leaked.length === 0) return;
  process.stderr.write(
    `leak check: the tests left ${leaked.length} handle(s) open: ${summarize(leaked)}. Close what a test opens (server.close, ` +
      `clearTimeout, client.destroy, stop by PID); run one file with --no-exit to find which.\n${timerDetails()}`,
  );
  // The leaked handles would hold the process forever: fail now, with the list above as the reason.
  process.exit(1);
}

function leftovers(): string[] {
  return process.getActiveResourcesInfo().filter((name) => !EXPECTED.has(name));
}

function summarize(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} x${n}`).join(', ');
}

/** With LEAK_TRACE=1, where every still-pending timer, socket and server was created (an async hook records each). */
const created = new Map<number, string>();
if (process.env.LEAK_TRACE === '1') {
  Error.stackTraceLimit = 30;
  createHook({
    init(id, type) {
      if (type === 'Timeout' || type === 'TCPWRAP' || type === 'TCPSERVERWRAP' || type === 'PROCESSWRAP')
        created.set(id, `${type}${(new Error().stack ?? '').split('\n').slice(5, 20).join('\n')}`);
    },
    destroy(id) {
      created.delete(id);
    },
  }).enable();
}

function timerDetails(): string {
  if (process.env.LEAK_TRACE !== '1') return '(LEAK_TRACE=1 shows where each was created)\n';
  return [...created.values()]
    .filter((stack) => !stack.includes('leak-check'))
    .map((stack) => `${stack}\n`)
    .join('');
}
