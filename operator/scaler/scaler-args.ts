// The scaler's command line, parsed: its own module so the CLI and make-plan both read it without importing each other.
import { parseArgs } from 'node:util';

const OPTIONS = {
  stream: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  plan: { type: 'string' },
  'metrics-file': { type: 'string' },
  'save-metrics': { type: 'string' },
  'ledger-file': { type: 'string' },
  'current-shards': { type: 'string' },
  'on-demand': { type: 'boolean' },
  'min-shards': { type: 'string' },
  'max-shards': { type: 'string' },
  'window-minutes': { type: 'string' },
  table: { type: 'string' },
  help: { type: 'boolean' },
} as const;

export type ScalerArgs = ReturnType<typeof parseScalerArgs>['values'];

export function parseScalerArgs(argv: readonly string[]): {
  command: string | undefined;
  values: { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };
} {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  return { command: positionals[0], values };
}
