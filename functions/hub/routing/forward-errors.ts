import { ForwardTimeoutError, HubError, type OcpiError, ReceiverNotConnectedError } from '../../ocpi/errors';
import {
  type OutboundError,
  OutboundNetworkError,
  OutboundResponseTooLargeError,
  OutboundTimeoutError,
  OutboundUrlRefusedError,
} from '../../outbound/errors';

/**
 * The hub's own routing failures are 4xxx (ocpi-notes §3.1, §3.6); which one for each outbound failure:
 * - timeout -> 4002 (forward timed out);
 * - refused/reset connection, DNS failure, TLS failure -> 4003: the spec's text for 4003 is
 *   "connection problem (receiver not connected)", and these are exactly that;
 * - URL refused by our outbound guard -> 4000: the receiver may well be up, the hub's policy will not
 *   call the URL it advertised (a configuration problem, not a connection one);
 * - answer over the size cap -> 4000: the receiver answered, the hub cannot relay it.
 * Messages name the target as origin + path only (OutboundError messages are safe to show and log).
 */
export function forwardErrorOf(err: OutboundError, target: string): OcpiError {
  if (err instanceof OutboundTimeoutError) {
    return new ForwardTimeoutError(`${target} did not answer within ${err.timeoutMs} ms`);
  }
  if (err instanceof OutboundNetworkError) {
    return new ReceiverNotConnectedError(`${target} could not be reached (${err.code})`);
  }
  if (err instanceof OutboundUrlRefusedError) {
    return new HubError(`the hub does not call ${target}'s endpoint: its URL is refused (${err.reason})`);
  }
  if (err instanceof OutboundResponseTooLargeError) {
    return new HubError(`${target} answered with more than ${err.maxResponseBytes} bytes`);
  }
  return new ReceiverNotConnectedError(`${target} could not be reached`);
}
