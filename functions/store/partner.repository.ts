import type { ClientInfoRecord } from '../domain/client-info';
import { type Partner, type PartnerRole, roleKey } from '../domain/partner';
import { partyKey } from '../ocpi/party';
import { ConditionFailedError } from './store-errors';
import type { TenantTable, TransactOp } from './tenant-table';

export class DuplicatePartyError extends Error {
  constructor(readonly party: PartnerRole) {
    super(
      `party ${party.country_code}/${party.party_id} with role ${party.role} already belongs to another partner`,
    );
  }
}

export class PartnerChangedError extends Error {
  constructor(id: string) {
    super(`partner ${id} was changed concurrently`);
  }
}

const partnerKey = (id: string) => ({ pk: `PARTNER#${id}`, sk: 'PARTNER' });
const partyItemKey = (party: { country_code: string; party_id: string; role: string }) => ({
  pk: `PARTY#${roleKey(party)}`,
  sk: 'PARTY',
});

type PartnerItem = Partner & { pk: string; sk: string; gsi1pk: string; gsi1sk: string };
type PartyItem = ClientInfoRecord & {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
};

/** Routing headers name a party by country code and party id only; gsi2 finds its roles. */
const partyCodeKey = (p: { country_code: string; party_id: string }) => `PARTYCODE#${partyKey(p)}`;

function toPartyItem(record: ClientInfoRecord): PartyItem {
  return {
    ...partyItemKey(record),
    ...record,
    // HubClientInfo GET lists parties by last_updated (date filters), so the index sorts by it.
    gsi1pk: 'PARTIES',
    gsi1sk: `${record.last_updated}#${roleKey(record)}`,
    gsi2pk: partyCodeKey(record),
    gsi2sk: record.role,
  };
}

type KeyAttrs = 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk';

function stripKeys<T extends object>(item: T): Omit<T, KeyAttrs> {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    gsi2pk: _g3,
    gsi2sk: _g4,
    ...rest
  } = item as T & Record<string, unknown>;
  return rest as Omit<T, KeyAttrs>;
}

/** True for the key of a party's item (its ClientInfo), e.g. in a table stream record. */
export function isPartyItemKey(keys: { pk?: unknown; sk?: unknown }): boolean {
  return typeof keys.pk === 'string' && keys.pk.startsWith('PARTY#') && keys.sk === 'PARTY';
}

/** True for the key of a partner's or a party's item: the directory a fan-out picks receivers from. */
export function isDirectoryItemKey(keys: { pk?: unknown; sk?: unknown }): boolean {
  return isPartyItemKey(keys) || (typeof keys.pk === 'string' && keys.pk.startsWith('PARTNER#'));
}

/** The ClientInfo record held by a party item image (a stream record's new or old image). */
export function clientInfoOfItem(item: Record<string, unknown>): ClientInfoRecord {
  const record = item as ClientInfoRecord & Record<string, unknown>;
  return {
    partner_id: record.partner_id,
    country_code: record.country_code,
    party_id: record.party_id,
    role: record.role,
    status: record.status,
    last_updated: record.last_updated,
  };
}

/** Partners and the parties (roles) they hold, which are unique per tenant. */
export class PartnerRepository {
  constructor(private readonly table: TenantTable) {}

  /** Creates the partner and claims each of its parties in one transaction. */
  async create(partner: Partner, parties: ClientInfoRecord[], extra: TransactOp[] = []): Promise<void> {
    const ops: TransactOp[] = [
      { put: this.partnerItem(partner), condition: { expression: 'attribute_not_exists(pk)' } },
      ...parties.map((p) => ({ put: toPartyItem(p), condition: { expression: 'attribute_not_exists(pk)' } })),
      ...extra,
    ];
    try {
      await this.table.transact(ops);
    } catch (err) {
      if (err instanceof ConditionFailedError) {
        const idx = err.failedIndexes.find((i) => i >= 1 && i <= parties.length);
        const party = idx !== undefined ? partner.roles[idx - 1] : undefined;
        if (party) throw new DuplicatePartyError(party);
      }
      throw err;
    }
  }

  async get(id: string): Promise<Partner | undefined> {
    const item = await this.table.get<PartnerItem>(partnerKey(id));
    return item ? (stripKeys(item) as Partner) : undefined;
  }

  async list(): Promise<Partner[]> {
    const out: Partner[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.query<PartnerItem>({ index: 'gsi1', partition: 'PARTNERS', startKey });
      out.push(...page.items.map((i) => stripKeys(i) as Partner));
      startKey = page.lastKey;
    } while (startKey);
    return out;
  }

  /**
   * Writes a new version of the partner if nobody else changed it since `expectedRev` was read,
   * together with any other operations that must happen atomically with it (token items, parties).
   */
  async save(partner: Partner, expectedRev: number, extra: TransactOp[] = []): Promise<Partner> {
    const next = { ...partner, rev: expectedRev + 1 };
    const ops: TransactOp[] = [
      {
        put: this.partnerItem(next),
        condition: { expression: '#rev = :rev', names: { '#rev': 'rev' }, values: { ':rev': expectedRev } },
      },
      ...extra,
    ];
    try {
      await this.table.transact(ops);
    } catch (err) {
      if (err instanceof ConditionFailedError && err.failedIndexes.includes(0))
        throw new PartnerChangedError(partner.id);
      throw err;
    }
    return next;
  }

  /** Records that the partner was heard from; best effort, no revision bump. */
  async touch(id: string, at: string): Promise<void> {
    await this.table.update(partnerKey(id), { last_contact_at: at }, { expression: 'attribute_exists(pk)' });
  }

  /** Strongly consistent: delivery decides on a party's current status just before each send. */
  async getParty(party: {
    country_code: string;
    party_id: string;
    role: string;
  }): Promise<ClientInfoRecord | undefined> {
    const item = await this.table.get<PartyItem>(partyItemKey(party));
    return item ? (stripKeys(item) as ClientInfoRecord) : undefined;
  }

  /** Every role registered under a (country_code, party_id), case-insensitively. */
  async findPartiesByCode(party: { country_code: string; party_id: string }): Promise<ClientInfoRecord[]> {
    const page = await this.table.query<PartyItem>({ index: 'gsi2', partition: partyCodeKey(party) });
    return page.items.map((i) => stripKeys(i) as ClientInfoRecord);
  }

  partyPut(record: ClientInfoRecord): TransactOp {
    return { put: toPartyItem(record) };
  }

  async listParties(): Promise<ClientInfoRecord[]> {
    const out: ClientInfoRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.query<PartyItem>({ index: 'gsi1', partition: 'PARTIES', startKey });
      out.push(...page.items.map((i) => stripKeys(i) as ClientInfoRecord));
      startKey = page.lastKey;
    } while (startKey);
    return out;
  }

  private partnerItem(partner: Partner): PartnerItem {
    return {
      ...partnerKey(partner.id),
      ...partner,
      gsi1pk: 'PARTNERS',
      gsi1sk: `${partner.created_at}#${partner.id}`,
    };
  }
}
