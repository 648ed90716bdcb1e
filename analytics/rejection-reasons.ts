// Every dead-letter reason as a runtime list (the dead letters' folder names), checked against the decoder's type.
import type { RejectionReason } from '../consumer/decode/decoded-record';

const ALL = {
  'corrupt-aggregate': true,
  'nested-aggregate-too-large': true,
  'invalid-utf8': true,
  'invalid-json': true,
  'unknown-shape': true,
  'invalid-field': true,
  empty: true,
  'too-large': true,
  'processing-error': true,
  'sink-rejected': true,
} as const satisfies Record<RejectionReason, true>;

/** A reason added to RejectionReason without being added here fails to compile. */
export const REJECTION_REASONS: readonly RejectionReason[] = Object.keys(ALL) as RejectionReason[];
