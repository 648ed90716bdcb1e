// The variable that names the stream (KINESIS_STREAM_NAME) for every process, and its deprecated alias STREAM_NAME read with a warning.
import type { ConfigReader } from './config-reader';
import type { Setting } from './setting';

export const STREAM_NAME_SETTING = {
  variable: 'KINESIS_STREAM_NAME',
  doc: 'the Kinesis stream (the deprecated STREAM_NAME is still read, with a warning)',
} as const satisfies Setting;

/** Read when KINESIS_STREAM_NAME is unset; writers never write it. */
export const DEPRECATED_STREAM_NAME_VARIABLE = 'STREAM_NAME';

let warned = false;

/**
 * KINESIS_STREAM_NAME, else the deprecated STREAM_NAME (warned about once per process, as a Node DeprecationWarning:
 * the CLIs route process warnings to their log, a bare process prints it on stderr; never stdout).
 */
export function readStreamName(reader: ConfigReader, options: { readonly required: boolean }): string | undefined {
  const name = reader.string(STREAM_NAME_SETTING.variable);
  if (name !== undefined) return name;
  const alias = reader.string(DEPRECATED_STREAM_NAME_VARIABLE);
  if (alias !== undefined) {
    if (!warned) {
      warned = true;
      process.emitWarning(
        `${DEPRECATED_STREAM_NAME_VARIABLE} is deprecated: set ${STREAM_NAME_SETTING.variable} instead`,
        { type: 'DeprecationWarning', code: 'KST_STREAM_NAME' },
      );
    }
    return alias;
  }
  if (options.required) reader.required(STREAM_NAME_SETTING.variable);
  return undefined;
}
