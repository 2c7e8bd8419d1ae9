import { partyKey } from '../ocpi/party';
import type { Token } from '../ocpi/schemas/token';
import { type StoredObject, StoredObjectRepository } from './stored-object.repository';
import type { TenantTable, TransactOp } from './tenant-table';

/** At most this many tokens share one contract id in a lookup (a card and an app, rarely more). */
const MAX_TOKENS_PER_CONTRACT = 20;

/**
 * Stored tokens, and their contract index: an item `TOKENCONTRACT#<CONTRACT_ID>` / `<KEY>` per token,
 * written in the token's transaction. A 2.1.1 CPO names the token of a session or CDR only by its
 * `auth_id`, the contract id (ocpi-notes §6), so the hub finds the token by it.
 */
export class TokenRepository extends StoredObjectRepository<Token> {
  constructor(private readonly tokenTable: TenantTable) {
    super(tokenTable, 'tokens');
  }

  /**
   * The contract index operations of a token write: its entry, and the removal of the previous one when
   * the contract id changed (a stale entry would only cost a read: lookups check the token itself).
   */
  contractIndexOps(key: string, next: Token, previous?: Token): TransactOp[] {
    const ops: TransactOp[] = [];
    const before = previous?.contract_id?.toUpperCase();
    const after = next.contract_id.toUpperCase();
    if (before !== undefined && before !== after) ops.push({ delete: contractItemKey(before, key) });
    if (before !== after) ops.push({ put: { ...contractItemKey(after, key), key } });
    return ops;
  }

  /** Every stored token with this contract id (CiString comparison), in key order. */
  async findByContractId(contractId: string): Promise<StoredObject<Token>[]> {
    const wanted = contractId.toUpperCase();
    const out = await this.tokenTable.query<{ key: string }>({
      partition: `TOKENCONTRACT#${wanted}`,
      limit: MAX_TOKENS_PER_CONTRACT,
    });
    const tokens = await Promise.all(out.items.map((item) => this.get(item.key)));
    return tokens.filter(
      (t): t is StoredObject<Token> => t !== undefined && t.object.contract_id.toUpperCase() === wanted,
    );
  }
}

function contractItemKey(contractId: string, key: string) {
  return { pk: `TOKENCONTRACT#${contractId}`, sk: key };
}

/** Tokens are keyed by (country_code, party_id, uid, type): one uid may exist with several types (tokens §12.3.2). */
export const tokenKey = (owner: { country_code: string; party_id: string }, uid: string, type: string) =>
  `${partyKey(owner)}*${uid}*${type}`.toUpperCase();
