import type { TenantTable, TransactOp } from './tenant-table';

/**
 * Inbound credentials tokens, stored only as keyed hashes (never the token itself).
 * - kind A: registration token, limited to versions/credentials, expires, works for one registration.
 * - kind C: the token a registered partner presents. After a rotation the previous one stays valid until
 *   `expires_at` (grace window) so requests already in flight succeed.
 */
export type TokenKind = 'A' | 'C';

export interface CredentialTokenRecord {
  hash: string;
  partner_id: string;
  kind: TokenKind;
  created_at: string;
  /** ISO time after which the token is refused; absent = no expiry. */
  expires_at?: string;
}

type TokenItem = CredentialTokenRecord & { pk: string; sk: string; ttl?: number };

const tokenKey = (hash: string) => ({ pk: `CREDTOKEN#${hash}`, sk: 'TOKEN' });

export class CredentialTokenRepository {
  constructor(private readonly table: TenantTable) {}

  /** Strongly consistent: a token issued or revoked a moment ago must already count. */
  async find(hash: string): Promise<CredentialTokenRecord | undefined> {
    const item = await this.table.get<TokenItem>(tokenKey(hash));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, ...record } = item;
    return record;
  }

  putOp(record: CredentialTokenRecord): TransactOp {
    const ttl = record.expires_at ? Math.ceil(Date.parse(record.expires_at) / 1000) + 3600 : undefined;
    return {
      put: { ...tokenKey(record.hash), ...record, ttl },
      condition: { expression: 'attribute_not_exists(pk)' },
    };
  }

  /** Writes a new token on its own (it must not exist yet). */
  async create(record: CredentialTokenRecord): Promise<void> {
    await this.table.transact([this.putOp(record)]);
  }

  async remove(hash: string): Promise<void> {
    await this.table.transact([this.deleteOp(hash)]);
  }

  /** Shortens (or sets) the lifetime of an existing token, e.g. the grace window after a rotation. */
  expireOp(record: CredentialTokenRecord, expiresAt: string): TransactOp {
    const ttl = Math.ceil(Date.parse(expiresAt) / 1000) + 3600;
    return { put: { ...tokenKey(record.hash), ...record, expires_at: expiresAt, ttl } };
  }

  deleteOp(hash: string): TransactOp {
    return { delete: tokenKey(hash) };
  }

  /** Deletes a token that must still exist: of two concurrent uses of a one-time token, one fails. */
  consumeOp(hash: string): TransactOp {
    return { delete: tokenKey(hash), condition: { expression: 'attribute_exists(pk)' } };
  }
}
