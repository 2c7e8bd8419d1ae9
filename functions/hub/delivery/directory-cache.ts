import type { ClientInfoRecord } from '../../domain/client-info';
import type { Partner } from '../../domain/partner';
import type { TenantContext } from '../hub-runtime';

/** The parties and partners a fan-out picks receivers from. */
export interface Directory {
  parties: readonly ClientInfoRecord[];
  partners: ReadonlyMap<string, Partner>;
}

/**
 * The directory is read once per `ttlMs` per tenant instead of twice per message, and dropped as soon
 * as the worker sees a PARTY# or PARTNER# change in its stream. A receiver that went OFFLINE within
 * the last `ttlMs` may still get a push, which fails or is harmless; one that connected within it
 * misses nothing it should have (it pulls what was accepted before it connected, ocpi-notes §1.8).
 */
export class DirectoryCache {
  private readonly entries = new Map<string, { at: number; directory: Promise<Directory> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(ctx: TenantContext): Promise<Directory> {
    const key = ctx.tenant.id;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.directory;
    const directory = load(ctx);
    this.entries.set(key, { at: this.now(), directory });
    directory.catch(() => this.entries.delete(key));
    return directory;
  }

  /** Read again now (e.g. a message for one party that the cached directory does not know yet). */
  fresh(ctx: TenantContext): Promise<Directory> {
    this.invalidate(ctx.tenant.id);
    return this.get(ctx);
  }

  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }
}

async function load(ctx: TenantContext): Promise<Directory> {
  const [parties, partnerList] = await Promise.all([
    ctx.store.partners.listParties(),
    ctx.store.partners.list(),
  ]);
  return { parties, partners: new Map(partnerList.map((p) => [p.id, p])) };
}
