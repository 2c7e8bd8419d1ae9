import { resolve } from 'node:path';
import { environmentCredentials, environmentRegion } from '../../aws/aws-http';
import { getSecretString } from '../../aws/secrets-manager';
import { readHubConfigFile, readLambdaEnv } from '../../config';
import { AuthCache } from '../../hub/auth/auth-cache';
import { type KeyMaterial, TokenKeys } from '../../hub/auth/token-keys';
import type { HubRuntime } from '../../hub/hub-runtime';
import { RequestLimits } from '../../hub/limits/request-limits';
import { createLogger } from '../../logger';
import { emfMetrics } from '../../metrics';
import { createPartnerHttpClient } from '../../outbound/partner-http-client';
import { assumedRoleTenantStores } from '../../store/tenant-stores';

/**
 * The runtime of every Lambda function, built once per cold start: tenants from the bundled HUB_CONFIG_FILE,
 * tenant tables through the tenant-access role, token keys from the KMS-encrypted secret. The
 * secret is read while the tenant roles are being assumed (assumedRoleTenantStores starts them).
 */
let runtime: Promise<HubRuntime> | undefined;

export function awsRuntime(): Promise<HubRuntime> {
  runtime ??= buildAwsRuntime().catch((err) => {
    runtime = undefined; // a failed cold start must not poison the next invocation
    throw err;
  });
  return runtime;
}

async function buildAwsRuntime(): Promise<HubRuntime> {
  const env = readLambdaEnv();
  const config = readHubConfigFile(resolve(env.LAMBDA_TASK_ROOT ?? '.', env.HUB_CONFIG_FILE));
  const log = createLogger({ level: env.LOG_LEVEL, service: env.POWERTOOLS_SERVICE_NAME });
  const stores = assumedRoleTenantStores({ config, roleArn: env.TENANT_ACCESS_ROLE_ARN });
  const keys = await readTokenKeys(env.HUB_KEYS_SECRET_ARN);
  if (keys.rekeying) log.info('keys secret holds previousKeyMaterial: tokens stored under it still work');
  return {
    config,
    stores,
    keys,
    log,
    metrics: emfMetrics(),
    outbound: createPartnerHttpClient({ onRefused: (event) => log.security('outbound_url_refused', event) }),
    publicUrl: env.HUB_PUBLIC_URL,
    now: Date.now,
    authCache: new AuthCache(),
    // Per instance: the WAF rate rules enforce the limits across instances (README "Rate limits").
    limits: new RequestLimits(),
  };
}

/**
 * The secret holds 64 bytes of generated key material as hex (`keyMaterial`); the first half keys
 * the token hashes, the second half encrypts outbound tokens. During a re-key it also holds the
 * material before it (`previousKeyMaterial`), which still verifies and decrypts what was stored under
 * it (docs/operations.md "Rotate keys").
 */
export function tokenKeysFromSecret(secretString: string): TokenKeys {
  let parsed: { keyMaterial?: unknown; previousKeyMaterial?: unknown };
  try {
    parsed = JSON.parse(secretString) as typeof parsed;
  } catch {
    throw new Error('hub keys secret: not JSON');
  }
  const current = keyMaterialOf(parsed.keyMaterial, 'keyMaterial');
  const previous =
    parsed.previousKeyMaterial === undefined || parsed.previousKeyMaterial === ''
      ? undefined
      : keyMaterialOf(parsed.previousKeyMaterial, 'previousKeyMaterial');
  return new TokenKeys(current, previous);
}

function keyMaterialOf(hex: unknown, field: string): KeyMaterial {
  if (typeof hex !== 'string' || !/^[0-9a-f]{128}$/i.test(hex)) {
    throw new Error(`hub keys secret: ${field} must be 128 hex characters`);
  }
  const bytes = Buffer.from(hex, 'hex');
  return { hashKey: bytes.subarray(0, 32), encKey: bytes.subarray(32, 64) };
}

async function readTokenKeys(secretArn: string): Promise<TokenKeys> {
  const secret = await getSecretString({
    secretId: secretArn,
    region: environmentRegion(),
    credentials: environmentCredentials(),
  });
  if (!secret) throw new Error('hub keys secret has no SecretString');
  return tokenKeysFromSecret(secret);
}
