import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { AdminTokenSecrets, AdminTokenSecretValue } from './admin-bootstrap';

/**
 * One Secrets Manager secret per tenant, `<prefix><tenant>` (the stack sets the prefix to
 * `ocpi-hub/<stage>/admin-tokens/`), encrypted with the hub's KMS key. Created by the bootstrap
 * function on its first run for a tenant, so tenants cost the stack no resources.
 */
export function secretsManagerAdminTokenSecrets(opts: {
  prefix: string;
  kmsKeyArn: string;
  client?: SecretsManagerClient;
}): AdminTokenSecrets {
  const client = opts.client ?? new SecretsManagerClient({});
  const nameOf = (tenantId: string) => `${opts.prefix}${tenantId}`;
  return {
    nameOf,
    async currentTokenId(tenantId) {
      try {
        const out = await client.send(new GetSecretValueCommand({ SecretId: nameOf(tenantId) }));
        const value = JSON.parse(out.SecretString ?? '{}') as { admin_token_id?: unknown };
        return typeof value.admin_token_id === 'string' ? value.admin_token_id : undefined;
      } catch (err) {
        if (err instanceof ResourceNotFoundException) return undefined;
        throw err;
      }
    },
    async write(tenantId: string, value: AdminTokenSecretValue) {
      const SecretString = JSON.stringify(value);
      try {
        await client.send(new PutSecretValueCommand({ SecretId: nameOf(tenantId), SecretString }));
      } catch (err) {
        if (!(err instanceof ResourceNotFoundException)) throw err;
        await client.send(
          new CreateSecretCommand({
            Name: nameOf(tenantId),
            Description: `OCPI hub admin token of tenant ${tenantId} (made by the bootstrap-admin function)`,
            KmsKeyId: opts.kmsKeyArn,
            SecretString,
          }),
        );
      }
    },
  };
}
