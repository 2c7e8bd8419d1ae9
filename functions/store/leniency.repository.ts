import { LENIENCY_KINDS, type LeniencyCounts, type LeniencyRecord } from '../domain/leniency';
import type { TenantTable } from './tenant-table';

const leniencyKey = (partnerId: string) => ({ pk: `LENIENCY#${partnerId}`, sk: 'LENIENCY' });

/** Per-partner counters of the leniencies the hub needed (domain/leniency.ts); atomic adds. */
export class LeniencyRepository {
  constructor(private readonly table: TenantTable) {}

  async add(partnerId: string, counts: LeniencyCounts, at: string): Promise<void> {
    const add = Object.fromEntries(Object.entries(counts).filter(([, n]) => (n ?? 0) > 0)) as Record<
      string,
      number
    >;
    if (Object.keys(add).length === 0) return;
    await this.table.transact([{ update: leniencyKey(partnerId), set: { last_seen_at: at }, add }]);
  }

  async get(partnerId: string): Promise<LeniencyRecord> {
    const item = await this.table.get<Record<string, unknown>>(leniencyKey(partnerId));
    const counts: LeniencyCounts = {};
    for (const kind of LENIENCY_KINDS) {
      const n = item?.[kind];
      if (typeof n === 'number' && n > 0) counts[kind] = n;
    }
    return {
      counts,
      ...(typeof item?.last_seen_at === 'string' ? { last_seen_at: item.last_seen_at } : {}),
    };
  }

  async remove(partnerId: string): Promise<void> {
    await this.table.delete(leniencyKey(partnerId));
  }
}
