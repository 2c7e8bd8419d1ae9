import type { RoutedParty } from './command.repository';
import { ConditionFailedError } from './store-errors';
import type { Item, TenantTable, TransactOp } from './tenant-table';

/**
 * A hub callback URL standing in for a partner's `response_url` (ocpi-notes §3.6): results POSTed to the hub
 * URL by `receiver` are forwarded once to `target_url` of `requester`.
 */
export interface UrlMapping {
  id: string;
  /** What the mapped URL receives, e.g. `chargingprofiles:PUT`. */
  purpose: string;
  requester: RoutedParty & { role: string };
  receiver: RoutedParty;
  target_url: string;
  correlation_id: string;
  session_id?: string;
  used: boolean;
  created_at: string;
}

/** Who set a charging profile on a session, so the CPO's ActiveChargingProfile PUTs go back to them. */
export interface ProfileSetter {
  cpo_key: string;
  session_id: string;
  setter: RoutedParty & { role: string };
  set_at: string;
}

const mappingKey = (id: string) => ({ pk: `URLMAP#${id}`, sk: 'URLMAP' });
const setterKey = (cpoKey: string, sessionId: string) => ({
  pk: `PROFILESETTER#${cpoKey}#${sessionId.toUpperCase()}`,
  sk: 'PROFILESETTER',
});

export class UrlMappingRepository {
  constructor(private readonly table: TenantTable) {}

  async create(mapping: UrlMapping, ttlSeconds: number): Promise<void> {
    await this.table.put(
      { ...mappingKey(mapping.id), ...mapping, ttl: ttlSeconds },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async get(id: string): Promise<UrlMapping | undefined> {
    const item = await this.table.get<UrlMapping & Item>(mappingKey(id));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = item;
    return rest as UrlMapping;
  }

  /**
   * Marks the mapping used, with `extra` (the outbox message forwarding the result) in the same
   * transaction; false when it already was (a repeated result is not forwarded twice).
   */
  async markUsed(id: string, extra: TransactOp[] = []): Promise<boolean> {
    const condition = { expression: 'attribute_exists(pk) AND used = :no', values: { ':no': false } };
    try {
      if (extra.length)
        await this.table.transact([{ update: mappingKey(id), set: { used: true }, condition }, ...extra]);
      else await this.table.update(mappingKey(id), { used: true }, condition);
      return true;
    } catch (err) {
      if (err instanceof ConditionFailedError && (!extra.length || err.failedIndexes.includes(0)))
        return false;
      throw err;
    }
  }

  async putSetter(setter: ProfileSetter, ttlSeconds: number): Promise<void> {
    await this.table.put({ ...setterKey(setter.cpo_key, setter.session_id), ...setter, ttl: ttlSeconds });
  }

  async getSetter(cpoKey: string, sessionId: string): Promise<ProfileSetter | undefined> {
    const item = await this.table.get<ProfileSetter & Item>(setterKey(cpoKey, sessionId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = item;
    return rest as ProfileSetter;
  }
}
