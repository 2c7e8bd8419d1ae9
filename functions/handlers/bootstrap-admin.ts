import { readBootstrapAdminEnv } from '../config';
import { type BootstrapAdminResult, bootstrapAdmin } from './aws/admin-bootstrap';
import { secretsManagerAdminTokenSecrets } from './aws/admin-token-secrets';
import { awsRuntime } from './aws/aws-runtime';

/**
 * `aws lambda invoke --function-name <BootstrapAdminFunctionName> --payload '{"tenant":"<id>"}'`:
 * a named admin token for the tenant, put into its own secret (docs/operations.md "First admin token").
 */
export const handler = async (event: unknown): Promise<BootstrapAdminResult> => {
  const env = readBootstrapAdminEnv();
  const secrets = secretsManagerAdminTokenSecrets({
    prefix: env.HUB_ADMIN_TOKEN_SECRET_PREFIX,
    kmsKeyArn: env.HUB_KEYS_KMS_KEY_ARN,
  });
  return bootstrapAdmin(await awsRuntime(), secrets, event);
};
