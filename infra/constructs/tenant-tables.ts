import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type HubConfig, tableNameOf } from '../../functions/config';
import { TABLE_KEYS } from '../../functions/store/table-schema';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * One DynamoDB table per tenant, named from the same tenants file the local runtime reads, with the
 * key schema shared with the local bootstrap. Tenants share code, never data (docs/architecture.md "Words").
 */
export class TenantTables extends Construct {
  /** The key every tenant table is encrypted with; the tenant access role may use it. */
  readonly key: kms.Key;
  /** Tenant id -> table. */
  readonly tables: ReadonlyMap<string, dynamodb.Table>;

  constructor(scope: Construct, id: string, props: { readonly config: HubConfig }) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the OCPI hub tenant tables',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const tables = new Map<string, dynamodb.Table>();
    for (const tenant of props.config.tenants) {
      tables.set(tenant.id, this.createTable(tableNameOf(props.config, tenant.id), tenant.id));
    }
    this.tables = tables;
  }

  private createTable(tableName: string, tenantId: string): dynamodb.Table {
    const table = new dynamodb.Table(this, `Table-${tenantId}`, {
      tableName,
      partitionKey: stringKey(TABLE_KEYS.partitionKey),
      sortKey: stringKey(TABLE_KEYS.sortKey),
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      // The delivery function turns every change into outbound pushes and needs both images.
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_KEYS.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}
