// Tells whether a worker still holds a lease: the lease counter of an owned lease moves while its owner lives.
import type { KclLease } from '../../common/kcl-lease/kcl-lease';

/** A lease seen held by a running worker during the observation. */
export interface LiveLease {
  readonly leaseKey: string;
  readonly owner: string;
  readonly counterBefore: number;
  readonly counterAfter: number;
}

/**
 * The leases whose owner renewed them between two reads taken at least the KCL's failoverTimeMillis apart. Why this
 * rule and not the table's owner field: the lease table keeps no expiry time. A KCL worker (2.x and 3.x) renews each
 * lease it holds by incrementing leaseCounter every failoverTimeMillis / 3 or so (leases/LeaseRenewer), and every
 * worker judges a lease expired from its own memory of when that counter last moved (Lease.isExpired,
 * lastCounterIncrementNanos). So an owner name left in the table by a stopped worker proves nothing, while a counter
 * that moves within one failover time proves a live holder. A lease that changed owner or lost its owner in between
 * is counted live too (a worker took or gave it up: someone is running).
 */
export function liveLeases(before: readonly KclLease[], after: readonly KclLease[]): LiveLease[] {
  const earlier = new Map(before.map((lease) => [lease.leaseKey, lease]));
  const live: LiveLease[] = [];
  for (const lease of after) {
    const then = earlier.get(lease.leaseKey);
    if (then === undefined) continue;
    const owner = lease.leaseOwner ?? then.leaseOwner;
    if (owner === null) continue;
    if (then.leaseCounter !== lease.leaseCounter || then.leaseOwner !== lease.leaseOwner)
      live.push({
        leaseKey: lease.leaseKey,
        owner,
        counterBefore: then.leaseCounter,
        counterAfter: lease.leaseCounter,
      });
  }
  return live;
}
