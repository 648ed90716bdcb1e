// Where a CLI writes its winston log: `<TOOL>_LOG_FILE`, read through the config reader, else `.local/logs/<tool>.log`.
import { ConfigReader, type Source } from './config-reader';

/** The log file of `tool` (`scaler` reads SCALER_LOG_FILE); an empty value counts as unset, as for every setting. */
export function readLogFile(reader: ConfigReader, tool: string): string {
  return reader.string(`${tool.toUpperCase()}_LOG_FILE`, `.local/logs/${tool}.log`);
}

/** The same, for an entry that needs its log before any other setting is read (a reader of its own; it cannot fail). */
export function logFileFor(tool: string, env: Source): string {
  return readLogFile(new ConfigReader(tool, [env]), tool);
}
