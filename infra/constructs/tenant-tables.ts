import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type HubConfig, tableNameOf } from '../../functions/config';
import { TABLE_KEYS } from '../../functions/store/table-schema';
import { lookUpExisting } from './existing-resource';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

const tablesKeyAliasOf = (stage: string): string => `alias/ocpi-hub-${stage}-tables`;

export interface TenantTablesProps {
  /** The stage's tenants config (its table prefix carries the stage). */
  readonly config: HubConfig;
  readonly stage: string;
  /**
   * The stage's retained tables and their key may exist already (after `cdk destroy`): reference the
   * ones that do, create the others (tenants added since).
   */
  readonly reuseRetained: boolean;
}

/**
 * One DynamoDB table per tenant, named from the same tenants file the local runtime reads, with the
 * key schema shared with the local bootstrap. Tenants share code, never data (docs/architecture.md "Words").
 * Tables and their key are retained: a destroyed stack leaves the data, a redeploy with
 * `reuseRetained` picks it up again by name (docs/operations.md "Stages").
 */
export class TenantTables extends Construct {
  /** The key every tenant table is encrypted with; the tenant access role may use it. */
  readonly key: kms.IKey;
  /** Tenant id -> table. */
  readonly tables: ReadonlyMap<string, dynamodb.ITable>;
  /** Tenant ids whose tables existed and are referenced, not managed, by this stack. */
  readonly referenced: readonly string[];

  constructor(scope: Construct, id: string, props: TenantTablesProps) {
    super(scope, id);
    const aliasName = tablesKeyAliasOf(props.stage);
    if (props.reuseRetained) {
      this.key = kms.Key.fromLookup(this, 'Key', { aliasName });
    } else {
      const key = new kms.Key(this, 'Key', {
        description: `Encrypts the OCPI hub tenant tables (stage ${props.stage})`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      key.addAlias(aliasName).applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.key = key;
    }
    const tables = new Map<string, dynamodb.ITable>();
    const referenced: string[] = [];
    for (const tenant of props.config.tenants) {
      const tableName = tableNameOf(props.config, tenant.id);
      const existing = props.reuseRetained
        ? lookUpExisting(this, 'AWS::DynamoDB::Table', tableName, ['StreamArn'])
        : undefined;
      if (existing && typeof existing.StreamArn === 'string') {
        referenced.push(tenant.id);
        tables.set(
          tenant.id,
          dynamodb.Table.fromTableAttributes(this, `Table-${tenant.id}`, {
            tableName,
            tableStreamArn: existing.StreamArn,
            encryptionKey: this.key,
          }),
        );
      } else {
        tables.set(tenant.id, this.createTable(tableName, tenant.id));
      }
    }
    this.tables = tables;
    this.referenced = referenced;
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
