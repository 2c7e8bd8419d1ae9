import type { CdrDelivery } from '../../store/cdr.repository';
import type { TenantContext } from '../hub-runtime';

/**
 * The stored CDR's `delivery` follows its outbox message (hub/charging/cdr.service.ts: object key
 * `cdrs:CC*PID*ID`): QUEUED when stored, RETRYING after a failed attempt, DELIVERED, REFUSED (the eMSP
 * refused the content) or DEAD_LETTERED (every retry failed, or the eMSP is gone). Written after the
 * attempt, so after a crash it may lag the ledger by one attempt; the ledger is the record.
 */
export async function recordCdrDelivery(
  ctx: TenantContext,
  msg: { module: string; objectKey: string },
  state: CdrDelivery,
  emspLocation?: string,
): Promise<void> {
  const cdr = msg.module === 'cdrs' ? cdrOfObjectKey(msg.objectKey) : undefined;
  if (!cdr) return;
  try {
    await ctx.store.cdrs.setDelivery(cdr.cpoKey, cdr.id, state, emspLocation);
  } catch (error) {
    // Bookkeeping only: a failed write must not fail (and so repeat) a delivery that happened.
    ctx.log.warn('could not record the delivery state of a CDR', { object_key: msg.objectKey, state, error });
  }
}

function cdrOfObjectKey(objectKey: string): { cpoKey: string; id: string } | undefined {
  const [countryCode, partyId, ...id] = objectKey.replace(/^cdrs:/, '').split('*');
  return countryCode && partyId && id.length
    ? { cpoKey: `${countryCode}*${partyId}`, id: id.join('*') }
    : undefined;
}
