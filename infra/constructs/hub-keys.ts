import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Field of the keys secret holding the key material. */
const KEY_MATERIAL_FIELD = 'keyMaterial';

const keysSecretNameOf = (stage: string): string => `ocpi-hub/${stage}/keys`;
const keysKeyAliasOf = (stage: string): string => `alias/ocpi-hub-${stage}-keys`;

export interface HubKeysProps {
  readonly stage: string;
  /** The stage's retained key and secret exist (after `cdk destroy`): reference them, create nothing. */
  readonly reuseRetained: boolean;
}

/**
 * The hub's application keys: a Secrets Manager secret, encrypted with a customer-managed KMS key,
 * whose JSON holds 64 bytes of generated key material as 128 lowercase hex characters. The functions
 * derive the token hashing key and the outbound-token encryption key from it (docs/architecture.md
 * "Cross-cutting rules"). Both are retained and named per stage, so a destroyed and redeployed stack
 * finds the same material again: new material would orphan every stored token hash and lock every
 * partner out (docs/operations.md "Rotate keys").
 */
export class HubKeys extends Construct {
  readonly key: kms.IKey;
  readonly secret: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: HubKeysProps) {
    super(scope, id);
    const aliasName = keysKeyAliasOf(props.stage);
    const secretName = keysSecretNameOf(props.stage);
    if (props.reuseRetained) {
      this.key = kms.Key.fromLookup(this, 'Key', { aliasName });
      this.secret = secretsmanager.Secret.fromSecretAttributes(this, 'Secret', {
        secretPartialArn: Stack.of(this).formatArn({
          service: 'secretsmanager',
          resource: 'secret',
          resourceName: secretName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
        encryptionKey: this.key,
      });
      return;
    }
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the OCPI hub keys secret (stage ${props.stage})`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addAlias(aliasName).applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.key = key;
    const secret = new secretsmanager.Secret(this, 'Secret', {
      secretName,
      description: 'OCPI hub token hashing and encryption key material',
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ version: 1 }),
        generateStringKey: KEY_MATERIAL_FIELD,
        // Only 0-9 and a-f remain, so 128 characters are exactly 64 bytes of hex.
        passwordLength: 128,
        excludeUppercase: true,
        excludePunctuation: true,
        includeSpace: false,
        excludeCharacters: 'ghijklmnopqrstuvwxyz',
      },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds the key behind stored token hashes and encrypted partner tokens; an automatic ' +
        'rotation would make every stored hash and ciphertext unreadable. Re-keying is the planned ' +
        'procedure of docs/operations.md "Rotate keys".',
    });
    this.secret = secret;
  }

  grantRead(grantee: iam.IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
