// Child process of docs-commands.test.ts: runs one CLI entry (a compiled script) several times in this process, once per argument list, and writes each exit code to a JSON file.
// Usage: node cli-help-probe.js <entry.js> <results.json> <argument lists as JSON>. Loading the tool's modules once
// is what makes checking a hundred printed commands take seconds: only the entry file is loaded again per run.
import * as fs from 'node:fs';

/** Thrown by the stubbed process.exit, so the entry stops where it would have exited. */
class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Each run's outcome: its exit code, or why there was none; with the start of what it wrote. */
type Outcome = ({ readonly code: number } | { readonly error: string }) & { output?: string };

const RUN_TIMEOUT_MS = 20_000;
const [entry = '', resultsFile = '', listsJson = '[]'] = process.argv.slice(2);
const lists = JSON.parse(listsJson) as string[][];
const realExit = process.exit.bind(process);
const realArgv = process.argv.slice(0, 1);
process.setMaxListeners(0);

let output = '';
for (const stream of [process.stdout, process.stderr]) {
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    if (output.length < 2_000) output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof stream.write;
}

let settle: ((outcome: Outcome) => void) | undefined;
process.exit = ((code?: number | string | null) => {
  const value = typeof code === 'number' ? code : Number(code ?? process.exitCode ?? 0);
  settle?.({ code: value });
  throw new ExitCalled(value);
}) as typeof process.exit;
const onAsyncError = (error: unknown): void => {
  if (error instanceof ExitCalled) return;
  settle?.({ error: error instanceof Error ? error.message : String(error) });
};
process.on('unhandledRejection', onAsyncError);
process.on('uncaughtException', onAsyncError);

/** Loads the entry afresh with `args` and waits until it calls process.exit or sets process.exitCode. */
function runOnce(args: readonly string[]): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let done = false;
    const timer = setTimeout(() => finish({ error: `no exit within ${RUN_TIMEOUT_MS} ms` }), RUN_TIMEOUT_MS);
    const poll = setInterval(() => {
      if (process.exitCode !== undefined) finish({ code: Number(process.exitCode) });
    }, 5);
    function finish(outcome: Outcome): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      settle = undefined;
      resolve({ ...outcome, output: output.slice(0, 400) });
    }
    settle = finish;
    output = '';
    process.exitCode = undefined;
    process.argv = [...realArgv, entry, ...args];
    delete require.cache[require.resolve(entry)];
    try {
      // Loaded again on purpose: require's cache is what lets the entry run afresh while its modules stay loaded.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(entry);
    } catch (error: unknown) {
      if (!(error instanceof ExitCalled)) finish({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  for (const args of lists) {
    const outcome = await runOnce(args);
    outcomes.push(outcome);
    if ('error' in outcome && outcome.error.startsWith('no exit')) break; // something may be running: stop here
  }
  fs.writeFileSync(resultsFile, JSON.stringify(outcomes));
  process.exitCode = 0;
  realExit(0);
}

void main();
