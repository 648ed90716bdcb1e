// The KPL aggregated-record codec: one import for the magic, the encoder and the decoder.
export { KPL_MAGIC } from './kpl-format';
export { encodeAggregate } from './aggregate-encoder';
export { decodeAggregate } from './aggregate-decoder';
