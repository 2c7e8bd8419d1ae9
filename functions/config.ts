import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { builtOnFirstUse } from './ocpi/schemas/built-on-first-use';

/**
 * One roaming network. Tenants share code, never data (docs/architecture.md "Words"). The schemas of this
 * file are built on first use: a process reads one kind of environment, not all three.
 */
export const TenantConfigSchema = builtOnFirstUse(() =>
  z.object({
    id: z
      .string()
      .check(
        z.regex(
          /^[a-z0-9][a-z0-9-]{1,30}$/,
          'tenant id: lowercase letters, digits and dashes, 2-31 characters',
        ),
      ),
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    hub: z.object({
      country_code: z.string().check(z.regex(/^[A-Za-z]{2}$/)),
      party_id: z.string().check(z.regex(/^[A-Za-z0-9]{3}$/)),
      name: z.string().check(z.minLength(1), z.maxLength(100)),
      website: z.optional(z.url()),
    }),
    outbound: z.prefault(
      z.object({
        /** http:// partner URLs; only for local development and tests. */
        allowHttp: z._default(z.boolean(), false),
        /** loopback/private addresses after DNS resolution; only for local development and tests. */
        allowPrivateAddresses: z._default(z.boolean(), false),
        timeoutMs: z._default(z.int().check(z.minimum(100), z.maximum(25_000)), 10_000),
      }),
      {},
    ),
    credentials: z.prefault(
      z.object({
        tokenATtlHours: z._default(z.number().check(z.positive()), 168),
        rotationMaxAgeDays: z._default(z.number().check(z.positive()), 30),
        rotationGraceSeconds: z._default(z.int().check(z.minimum(0)), 600),
      }),
      {},
    ),
    /**
     * Requests per minute before the hub answers HTTP 429 with Retry-After (README "Rate limits", docs/operations.md "Rate limits"). In
     * AWS the WAF rate rules enforce the request limits (its minimum is 10 per window); the in-process
     * limiter of every instance is a backstop there and the only engine locally.
     */
    rateLimits: z.prefault(
      z.object({
        /** One partner: requests carrying the same Authorization header (its token). */
        partnerPerMinute: z._default(z.int().check(z.minimum(10), z.maximum(1_000_000)), 600),
        /** The whole tenant: every request under /{tenant}/, OCPI and admin together. */
        tenantPerMinute: z._default(z.int().check(z.minimum(10), z.maximum(10_000_000)), 6_000),
        /** Failed authentications (OCPI or admin) from one source address in this tenant. */
        failedAuthPerIpPerMinute: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 30),
        /** Failed authentications in this tenant from all sources together. */
        failedAuthPerTenantPerMinute: z._default(z.int().check(z.minimum(1), z.maximum(1_000_000)), 600),
      }),
      {},
    ),
  }),
);
export type TenantConfig = z.infer<typeof TenantConfigSchema>;

export const HubConfigSchema = builtOnFirstUse(() =>
  z
    .object({
      tablePrefix: z._default(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,40}$/)), 'ocpi-hub-'),
      tenants: z.array(TenantConfigSchema).check(z.minLength(1)),
    })
    .check(
      z.refine((c) => new Set(c.tenants.map((t) => t.id)).size === c.tenants.length, {
        message: 'tenant ids must be unique',
        path: ['tenants'],
      }),
    ),
);
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

const LocalEnvSchema = builtOnFirstUse(() =>
  z.object({
    HUB_CONFIG: z._default(z.string(), 'hub.config.json'),
    HUB_DATA_DIR: z._default(z.string(), '.hub-data'),
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    HOST: z._default(z.string(), '127.0.0.1'),
    PORT: z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(0), z.maximum(65535))), 3000),
    /** Base URL partners reach the hub at; defaults to http://HOST:PORT. */
    HUB_PUBLIC_URL: z.optional(z.url()),
    HUB_ADMIN_TOKEN: z.optional(z.string().check(z.minLength(16))),
    LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']), 'INFO'),
  }),
);
export type LocalEnv = z.infer<typeof LocalEnvSchema>;

export function readLocalEnv(env: NodeJS.ProcessEnv = process.env): LocalEnv {
  const result = LocalEnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data;
}

const LambdaEnvSchema = builtOnFirstUse(() =>
  z.object({
    /**
     * The tenants file bundled beside the handler by the CDK app (a Lambda environment holds at most
     * 4 KB); relative to LAMBDA_TASK_ROOT.
     */
    HUB_CONFIG_FILE: z.string().check(z.minLength(1)),
    LAMBDA_TASK_ROOT: z.optional(z.string()),
    /**
     * Base URL partners reach the hub at: the custom domain, or the API URL with its stage. The stack
     * always sets it; without it background jobs refuse to hand out URLs (credential rotation).
     */
    HUB_PUBLIC_URL: z.optional(z.url()),
    /** Role assumed with a TenantId session tag to reach one tenant's table. */
    TENANT_ACCESS_ROLE_ARN: z.string().check(z.startsWith('arn:')),
    /** Secrets Manager secret (encrypted with the hub's KMS key) holding the token hashing and encryption keys. */
    HUB_KEYS_SECRET_ARN: z.string().check(z.startsWith('arn:')),
    LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']), 'INFO'),
    /** Each function logs under its own service name (set by the stack). */
    POWERTOOLS_SERVICE_NAME: z._default(z.string().check(z.minLength(1)), 'ocpi-hub'),
  }),
);
export type LambdaEnv = z.infer<typeof LambdaEnvSchema>;

export function readLambdaEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnv {
  const result = LambdaEnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data;
}

const BootstrapAdminEnvSchema = builtOnFirstUse(() =>
  z.object({
    /** Secret name prefix of the per-tenant admin token secrets, e.g. `ocpi-hub/prod/admin-tokens/`. */
    HUB_ADMIN_TOKEN_SECRET_PREFIX: z.string().check(z.regex(/^[A-Za-z0-9/_+=.@-]{1,200}\/$/)),
    /** The hub's KMS key: it encrypts the admin token secrets as it does the keys secret. */
    HUB_KEYS_KMS_KEY_ARN: z.string().check(z.startsWith('arn:')),
  }),
);
export type BootstrapAdminEnv = z.infer<typeof BootstrapAdminEnvSchema>;

/** The bootstrap-admin function's own variables (functions/handlers/bootstrap-admin.ts). */
export function readBootstrapAdminEnv(env: NodeJS.ProcessEnv = process.env): BootstrapAdminEnv {
  const result = BootstrapAdminEnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data;
}
