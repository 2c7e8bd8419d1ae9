import { type HubRuntime, nowIso, type TenantContext } from '../hub-runtime';

/**
 * `last_contact_at` feeds the HubClientInfo still-alive check (ocpi-notes §3.5: GET versions after ~5 min
 * of silence), so minute precision is plenty: one write per partner per interval and process keeps the
 * hot path to the forward itself.
 */
const CONTACT_WRITE_INTERVAL_MS = 30_000;
/** The answer to the requester never waits longer than this for the write. */
const CONTACT_WRITE_WAIT_MS = 100;

/** Per runtime (every test hub, every Lambda container its own), keyed by tenant and partner. */
const lastWritesByRuntime = new WeakMap<HubRuntime, Map<string, number>>();

/** Records that the partner answered; best effort, never throws. */
export async function recordContact(ctx: TenantContext, partnerId: string): Promise<void> {
  let lastWrites = lastWritesByRuntime.get(ctx.runtime);
  if (!lastWrites) {
    lastWrites = new Map();
    lastWritesByRuntime.set(ctx.runtime, lastWrites);
  }
  const key = `${ctx.tenant.id}|${partnerId}`;
  const now = Date.now();
  if (now - (lastWrites.get(key) ?? 0) < CONTACT_WRITE_INTERVAL_MS) return;
  lastWrites.set(key, now);
  const write = ctx.store.partners.touch(partnerId, nowIso(ctx.runtime)).catch((error: unknown) => {
    lastWrites?.delete(key);
    ctx.log.warn('could not record partner contact', { partner_id: partnerId, error });
  });
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CONTACT_WRITE_WAIT_MS);
  });
  await Promise.race([write, wait]);
  clearTimeout(timer);
}
