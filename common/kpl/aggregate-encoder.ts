// Encodes user records into one KPL aggregated record: magic + AggregatedRecord protobuf + MD5 of the protobuf.
import { AggregateLayout } from './aggregate-layout';
import type { KplRecord } from './kpl-record';

/**
 * Key tables are deduplicated in first-seen order; required fields are always written, even index 0
 * and empty data. There is no size limit here: AggregateBuilder enforces one.
 */
export function encodeAggregate(records: readonly KplRecord[]): Buffer {
  const layout = new AggregateLayout();
  for (const record of records) layout.commit(record, layout.measure(record));
  return layout.write();
}
