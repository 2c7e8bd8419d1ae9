import type { App } from 'aws-cdk-lib';
import { z } from 'zod';

/**
 * Settings of one deployment stage (docs/operations.md "Stages"). They come from CDK context: the
 * `stages.<stage>` object in cdk.json, overridden by flat keys (`npx cdk deploy -c stage=prod
 * -c domainName=hub.example.com`). Context given on the command line is always a string, hence the
 * coercions below.
 */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((value) => value === true || value === 'true');
const count = z.coerce.number().int();
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean),
  );

const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;

export const StageSettingsSchema = z
  .object({
    /** Letters and digits only: the stage is part of table names, where a dash would be ambiguous. */
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,15}$/, '2-16 lowercase letters and digits, starting with a letter'),
    /** Tenants file of this stage (default: HUB_CONFIG, else hub.config.json). */
    hubConfig: z.string().min(1).optional(),
    /** Custom domain partners use, e.g. hub.example.com; needs certificateArn. */
    domainName: z
      .string()
      .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a lowercase DNS name')
      .optional(),
    /** ACM certificate for domainName, in the stack's region. */
    certificateArn: z.string().startsWith('arn:').optional(),
    /** Route 53 hosted zone for an alias record of domainName (both or neither). */
    hostedZoneId: z.string().min(1).optional(),
    hostedZoneName: z.string().min(1).optional(),
    /** Retained tables, keys and the keys secret of this stage exist already: reference them. */
    reuseRetained: flag.default(false),
    /** Deploy tenants with outbound.allowHttp / allowPrivateAddresses outside dev anyway. */
    allowUnsafeOutbound: flag.default(false),
    /** Email address subscribed to the alarm topic. */
    alarmEmail: z.email().optional(),
    /** Source CIDRs allowed on the admin paths (WAF IP set); empty = any address. */
    adminAllowedCidrs: list
      .pipe(z.array(z.string().regex(CIDR, 'CIDR blocks like 203.0.113.0/24')))
      .default([]),
    /** Reserve concurrency for delivery and the scheduled jobs (needs an account quota above 100). */
    reserveConcurrency: flag.default(true),
    /** Concurrency reserved for the delivery function; default max(10, number of tenants). */
    deliveryConcurrency: count.pipe(z.number().min(1).max(1000)).optional(),
    /** Requests per source IP in 5 minutes before the WAF blocks that address. */
    requestsPerIpPer5Min: count.pipe(z.number().min(100)).default(15_000),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  })
  .refine((s) => !s.domainName || s.certificateArn, {
    message: 'domainName needs certificateArn (an ACM certificate in the stack region)',
    path: ['certificateArn'],
  })
  .refine((s) => !s.certificateArn || s.domainName, {
    message: 'certificateArn needs domainName',
    path: ['domainName'],
  })
  .refine((s) => !s.hostedZoneId === !s.hostedZoneName && (!s.hostedZoneId || s.domainName), {
    message: 'hostedZoneId and hostedZoneName go together, with domainName',
    path: ['hostedZoneId'],
  });
export type StageSettings = z.infer<typeof StageSettingsSchema>;

const DEFAULT_STAGE = 'dev';

/** The stage whose tenants may use http:// and private partner addresses (local-style testing). */
export const UNSAFE_OUTBOUND_STAGE = 'dev';

const SETTING_KEYS = Object.keys(StageSettingsSchema.shape).filter((key) => key !== 'stage');

export class StageSettingsError extends Error {}

/** Reads the selected stage's settings from the app's context. */
export function readStageSettings(app: App): StageSettings {
  const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);
  const stages: unknown = app.node.tryGetContext('stages');
  const fromStages =
    stages && typeof stages === 'object' ? ((stages as Record<string, unknown>)[stage] ?? {}) : {};
  const flat = Object.fromEntries(
    SETTING_KEYS.map((key) => [key, app.node.tryGetContext(key)]).filter(([, v]) => v !== undefined),
  );
  const result = StageSettingsSchema.safeParse({ ...(fromStages as object), ...flat, stage });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new StageSettingsError(
      `stage ${JSON.stringify(stage)}: ${issue?.path.join('.') || 'settings'}: ${issue?.message}`,
    );
  }
  return result.data;
}
