import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One roaming network. Tenants share code, never data (docs/architecture.md "Words"). */
export const TenantConfigSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,30}$/, 'tenant id: lowercase letters, digits and dashes, 2-31 characters'),
  name: z.string().min(1).max(100),
  hub: z.object({
    country_code: z.string().regex(/^[A-Za-z]{2}$/),
    party_id: z.string().regex(/^[A-Za-z0-9]{3}$/),
    name: z.string().min(1).max(100),
    website: z.url().optional(),
  }),
  outbound: z
    .object({
      /** http:// partner URLs; only for local development and tests. */
      allowHttp: z.boolean().default(false),
      /** loopback/private addresses after DNS resolution; only for local development and tests. */
      allowPrivateAddresses: z.boolean().default(false),
      timeoutMs: z.number().int().min(100).max(25_000).default(10_000),
    })
    .prefault({}),
  credentials: z
    .object({
      tokenATtlHours: z.number().positive().default(168),
      rotationMaxAgeDays: z.number().positive().default(30),
      rotationGraceSeconds: z.number().int().min(0).default(600),
    })
    .prefault({}),
});
export type TenantConfig = z.infer<typeof TenantConfigSchema>;

export const HubConfigSchema = z
  .object({
    tablePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,40}$/)
      .default('ocpi-hub-'),
    tenants: z.array(TenantConfigSchema).min(1),
  })
  .refine((c) => new Set(c.tenants.map((t) => t.id)).size === c.tenants.length, {
    message: 'tenant ids must be unique',
    path: ['tenants'],
  });
export type HubConfig = z.infer<typeof HubConfigSchema>;

export function tableNameOf(config: Pick<HubConfig, 'tablePrefix'>, tenantId: string): string {
  return `${config.tablePrefix}${tenantId}`;
}

export class ConfigError extends Error {}

/** Parses a tenants file's content; the message names the offending path. */
export function parseHubConfig(raw: unknown, source: string): HubConfig {
  const result = HubConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return result.data;
}

export function readHubConfigFile(path: string): HubConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`cannot read the tenants config ${path}; set HUB_CONFIG to a readable file`);
  }
  try {
    return parseHubConfig(JSON.parse(text), path);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${path} is not valid JSON`);
  }
}

const LocalEnvSchema = z.object({
  HUB_CONFIG: z.string().default('hub.config.json'),
  HUB_DATA_DIR: z.string().default('.hub-data'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Base URL partners reach the hub at; defaults to http://HOST:PORT. */
  HUB_PUBLIC_URL: z.url().optional(),
  HUB_ADMIN_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
});
export type LocalEnv = z.infer<typeof LocalEnvSchema>;

export function readLocalEnv(env: NodeJS.ProcessEnv = process.env): LocalEnv {
  const result = LocalEnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data;
}

const LambdaEnvSchema = z.object({
  /** The validated tenants config, serialized by the CDK app from the same file. */
  HUB_TENANTS_JSON: z.string(),
  /** Base URL partners reach the hub at (custom domain); derived from the request when absent. */
  HUB_PUBLIC_URL: z.url().optional(),
  /** Role assumed with a TenantId session tag to reach one tenant's table. */
  TENANT_ACCESS_ROLE_ARN: z.string().startsWith('arn:'),
  /** Secrets Manager secret (encrypted with the hub's KMS key) holding the token hashing and encryption keys. */
  HUB_KEYS_SECRET_ARN: z.string().startsWith('arn:'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
});
export type LambdaEnv = z.infer<typeof LambdaEnvSchema>;

export function readLambdaEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnv {
  const result = LambdaEnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data;
}
