import { ForwardTimeoutError, HubError, ReceiverNotConnectedError } from '../../ocpi/errors';
import type { ForwardResult } from '../routing/forwarder';

/** A forward that reached the receiver, or the reason the receiver could not be reached. */
export type DeliveryOutcome = { reached: true; result: ForwardResult } | { reached: false; reason: string };

/**
 * Runs a forward of an object the hub has already stored. When the receiver is offline, slow or
 * unusable (4000/4002/4003) the object is not lost: the receiver pulls it from the hub later (ocpi-notes
 * §1.8: re-sync by GET), so the sender is not failed for it. Other errors (4001: nobody to deliver to,
 * 2xxx from our own checks) still fail the request.
 */
export async function deliverStored(forward: () => Promise<ForwardResult>): Promise<DeliveryOutcome> {
  try {
    return { reached: true, result: await forward() };
  } catch (err) {
    const unreachable =
      err instanceof ForwardTimeoutError ||
      err instanceof ReceiverNotConnectedError ||
      (err instanceof HubError && err.constructor === HubError);
    if (!unreachable) throw err;
    return { reached: false, reason: (err as Error).message };
  }
}
