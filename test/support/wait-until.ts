// The condition wait of tests against real processes: poll a check until it holds, fail with what was awaited after a timeout.
import { sleep } from '../../common/sleep';

/** Polls `check` every `pollMs` until it returns true; rejects naming `what` once `timeoutMs` passes without it. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  pollMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}
