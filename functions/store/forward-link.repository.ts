import type { ModuleId } from '../ocpi/modules';
import type { PartyRef } from '../ocpi/party';

import type { TenantTable } from './tenant-table';

/** A receiver's next-page URL kept behind a hub `?link=` URL (hub/routing/link-continuation.ts). */
export interface LinkContinuation {
  id: string;
  /** The receiver's own next-page URL (never shown to the requester). */
  url: string;
  module: ModuleId;
  targetInterface: 'SENDER' | 'RECEIVER';
  /** The receiver's partner; the continuation goes to that partner only. */
  partner_id: string;
  from: PartyRef;
  to: PartyRef;
  /** The partner that pulled the first page; only it may follow the link. */
  caller_partner_id?: string;
  expires_at: number;
}

type LinkItem = Omit<LinkContinuation, 'id'> & { pk: string; sk: string; ttl: number };

const linkKey = (id: string) => ({ pk: `FWDLINK#${id}`, sk: 'FWDLINK' });

export class ForwardLinkRepository {
  constructor(private readonly table: TenantTable) {}

  async put(link: LinkContinuation): Promise<void> {
    const { id, ...rest } = link;
    const item: LinkItem = {
      ...linkKey(id),
      ...rest,
      // DynamoDB TTL deletes lazily (up to days later); expires_at is what is enforced.
      ttl: Math.ceil(link.expires_at / 1000),
    };
    await this.table.put(item);
  }

  async get(id: string): Promise<LinkContinuation | undefined> {
    const item = await this.table.get<LinkItem>(linkKey(id));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = item;
    return { ...rest, id };
  }
}
