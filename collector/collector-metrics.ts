// The collector's metric names (namespace COLLECTOR_METRICS_NAMESPACE, dimension StreamName): read budget and journal backlog.

export const COLLECTOR_METRIC = {
  /** X post reads that X bills (each post once per UTC day), per batch. */
  xBillableReads: 'XBillableReads',
  /** 1 when the collector stopped because X_MONTHLY_READ_BUDGET is spent (the deployment alarms on it). */
  xReadBudgetExhausted: 'XReadBudgetExhausted',
  /** Posts in the journal that Kinesis has not accepted yet (grows during a Kinesis outage). */
  journalUnsent: 'JournalUnsentPosts',
} as const;
