import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Field of the keys secret holding the key material. */
export const KEY_MATERIAL_FIELD = 'keyMaterial';

/**
 * The hub's application keys: a Secrets Manager secret, encrypted with a customer-managed KMS key,
 * whose JSON holds 64 bytes of generated key material as 128 lowercase hex characters. The functions
 * derive the token hashing key and the outbound-token encryption key from it (docs/architecture.md "Cross-cutting rules").
 */
export class HubKeys extends Construct {
  readonly key: kms.Key;
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the OCPI hub keys secret',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'OCPI hub token hashing and encryption key material',
      encryptionKey: this.key,
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
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds the key behind stored token hashes and encrypted partner tokens; an automatic ' +
        'rotation would make every stored hash and ciphertext unreadable. Re-keying is a planned procedure.',
    });
  }

  grantRead(grantee: iam.IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
