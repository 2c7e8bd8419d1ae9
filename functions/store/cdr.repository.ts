import { type DatedPage, type DatedPageRequest, readDatedPage, sortableInstant } from './session.repository';
import { ConditionFailedError } from './store-errors';
import type { Item, TenantTable, TransactOp } from './tenant-table';

/**
 * QUEUED: stored with its outbox message; RETRYING: an attempt failed, the hub retries; DELIVERED;
 * REFUSED: the eMSP refused its content; DEAD_LETTERED: every retry failed or the eMSP is gone. The
 * delivery ledger has each attempt.
 */
export type CdrDelivery = 'QUEUED' | 'RETRYING' | 'DELIVERED' | 'REFUSED' | 'DEAD_LETTERED';

/** A CDR as the hub keeps it (cdrs §10: immutable), plus where and how it went. */
export interface StoredCdr {
  cdr: Record<string, unknown>;
  cpo_key: string;
  emsp_key: string;
  /** sha-256 of the canonical JSON of the CDR: tells a repeat from a different CDR with the same id. */
  content_hash: string;
  /** Opaque id of the hub URL where the CDR can be read back (replaces the eMSP's Location). */
  locator: string;
  created_at: string;
  last_updated_ms: number;
  delivery: CdrDelivery;
  /** The eMSP's own Location header, kept for support; never handed to the CPO. */
  emsp_location?: string;
}

const cdrKey = (cpoKey: string, id: string) => ({ pk: `CDR#${cpoKey}#${id.toUpperCase()}`, sk: 'CDR' });

/** Outcome of storing a CDR: new, or the one already stored under that id. */
export type CdrCreateOutcome = { created: true } | { created: false; existing: StoredCdr };

/**
 * Every CDR that passes the hub. The CDR itself is written once (conditional put) and never changed;
 * only its delivery facts are updated. Listed per eMSP by last_updated (gsi1) and found by locator (gsi2).
 */
export class CdrRepository {
  constructor(private readonly table: TenantTable) {}

  /** Stores the CDR once; `extra` (its outbox message) is written in the same transaction. */
  async create(record: StoredCdr, extra: TransactOp[] = []): Promise<CdrCreateOutcome> {
    const id = String(record.cdr.id);
    const item = {
      ...cdrKey(record.cpo_key, id),
      ...record,
      gsi1pk: `CDRS#${record.emsp_key}`,
      gsi1sk: `${sortableInstant(record.last_updated_ms)}#${record.cpo_key}#${id.toUpperCase()}`,
      gsi2pk: `CDRLOC#${record.locator}`,
      gsi2sk: 'CDR',
    };
    try {
      const condition = { expression: 'attribute_not_exists(pk)' };
      if (extra.length) await this.table.transact([{ put: item, condition }, ...extra]);
      else await this.table.put(item, condition);
      return { created: true };
    } catch (err) {
      if (!(err instanceof ConditionFailedError) || (extra.length && !err.failedIndexes.includes(0)))
        throw err;
      const existing = await this.get(record.cpo_key, id);
      if (!existing) throw err;
      return { created: false, existing };
    }
  }

  async get(cpoKey: string, id: string): Promise<StoredCdr | undefined> {
    const item = await this.table.get<StoredCdr & Item>(cdrKey(cpoKey, id));
    return item ? toStored(item) : undefined;
  }

  async findByLocator(locator: string): Promise<StoredCdr | undefined> {
    const page = await this.table.query<StoredCdr & Item>({ index: 'gsi2', partition: `CDRLOC#${locator}` });
    const first = page.items[0];
    return first ? toStored(first) : undefined;
  }

  /** Records how the delivery went (the CDR itself never changes); nothing for a CDR not stored. */
  async setDelivery(cpoKey: string, id: string, delivery: CdrDelivery, emspLocation?: string): Promise<void> {
    try {
      await this.table.update(
        cdrKey(cpoKey, id),
        { delivery, ...(emspLocation ? { emsp_location: emspLocation } : {}) },
        { expression: 'attribute_exists(pk)' },
      );
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
  }

  listForEmsp(emspKey: string, page: Omit<DatedPageRequest, 'partition'>): Promise<DatedPage<StoredCdr>> {
    return readDatedPage(this.table, { ...page, partition: `CDRS#${emspKey}` }, toStored);
  }
}

function toStored(item: StoredCdr & Item): StoredCdr {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _g3, gsi2sk: _g4, ...rest } = item;
  return rest as StoredCdr;
}
