/**
 * The one key schema of every tenant table, shared by the CDK stack and the local bootstrap so both
 * create identical tables. Generic key names keep the single-table layout free to evolve.
 *
 * - pk/sk: primary key of every item.
 * - gsi1: ordered listings ("all locations of this tenant by last_updated"), so a page costs the
 *   same whatever the table size.
 * - gsi2: secondary lookups (e.g. a party's objects, a token's owner).
 * - ttl: expiry of transient items (idempotency keys, URL mappings, old token hashes).
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type IndexName = (typeof TABLE_KEYS.indexes)[number]['name'];
