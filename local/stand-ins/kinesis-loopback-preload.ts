// Preloaded into kinesis-local (node --require): makes its servers, which listen on every interface, listen on 127.0.0.1 only.
import * as net from 'node:net';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const original = net.Server.prototype.listen;

/** kinesis-mock calls listen(port, callback) for its wildcard address; a host is inserted, or a wildcard host replaced. */
function listenOnLoopback(this: net.Server, ...args: unknown[]): net.Server {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (second === undefined || typeof second === 'function') args.splice(1, 0, '127.0.0.1');
    else if (typeof second === 'string' && WILDCARDS.has(second)) args[1] = '127.0.0.1';
  } else if (typeof first === 'object' && first !== null && 'port' in first) {
    const options = first as net.ListenOptions;
    if (options.host === undefined || WILDCARDS.has(options.host)) args[0] = { ...options, host: '127.0.0.1' };
  }
  return (original as (...a: unknown[]) => net.Server).apply(this, args);
}

net.Server.prototype.listen = listenOnLoopback as typeof net.Server.prototype.listen;
