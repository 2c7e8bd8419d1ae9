import type { LeniencyCounts, LeniencyKind, LeniencyRecord } from '../../domain/leniency';
import type { TenantContext } from '../hub-runtime';

/** What a tolerant reader tells about one partner's deviations (domain/leniency.ts). */
export interface Leniencies {
  note(kind: LeniencyKind, count?: number): void;
}

/** A reader that records nothing (a partner not known yet, or a check that only reads). */
export const IGNORED_LENIENCIES: Leniencies = { note: () => undefined };

/**
 * Counts are gathered in memory and written at most once a second per tenant (one atomic add per
 * partner), so a partner that is sloppy on every request costs no write per request. Telemetry never
 * fails a request: a failed write is logged and dropped.
 */
const FLUSH_DELAY_MS = 1_000;

interface PendingTenant {
  counts: Map<string, LeniencyCounts>;
  timer?: NodeJS.Timeout;
}

const pendingByRuntime = new WeakMap<object, Map<string, PendingTenant>>();

function pendingOf(ctx: TenantContext): PendingTenant {
  let tenants = pendingByRuntime.get(ctx.runtime);
  if (!tenants) {
    tenants = new Map();
    pendingByRuntime.set(ctx.runtime, tenants);
  }
  let pending = tenants.get(ctx.tenant.id);
  if (!pending) {
    pending = { counts: new Map() };
    tenants.set(ctx.tenant.id, pending);
  }
  return pending;
}

/** The recorder of one partner's leniencies. */
export function leniencyFor(ctx: TenantContext, partnerId: string): Leniencies {
  return {
    note(kind, count = 1) {
      // Telemetry never fails the request it watches (a context without a runtime records nothing).
      if (typeof ctx.runtime !== 'object' || ctx.runtime === null || !ctx.tenant) return;
      const pending = pendingOf(ctx);
      const counts = pending.counts.get(partnerId) ?? {};
      counts[kind] = (counts[kind] ?? 0) + count;
      pending.counts.set(partnerId, counts);
      if (!pending.timer) {
        pending.timer = setTimeout(() => void flushLeniencies(ctx), FLUSH_DELAY_MS);
        pending.timer.unref();
      }
    },
  };
}

/** Writes the counts gathered so far for the tenant. */
async function flushLeniencies(ctx: TenantContext): Promise<void> {
  const pending = pendingOf(ctx);
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = undefined;
  const batch = [...pending.counts.entries()];
  pending.counts.clear();
  const at = new Date(ctx.runtime.now()).toISOString();
  await Promise.all(
    batch.map(([partnerId, counts]) =>
      ctx.store.leniencies.add(partnerId, counts, at).catch((err: unknown) => {
        ctx.log.warn('leniency counts not recorded', { partner: partnerId, error: (err as Error).message });
      }),
    ),
  );
}

/** The partner's leniency counts for the admin partner detail (what this process gathered included). */
export async function leniencyRecordOf(ctx: TenantContext, partnerId: string): Promise<LeniencyRecord> {
  await flushLeniencies(ctx);
  return ctx.store.leniencies.get(partnerId);
}
