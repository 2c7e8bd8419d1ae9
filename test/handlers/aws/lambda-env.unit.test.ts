import { describe, expect, it } from 'vitest';
import { ConfigError, readLambdaEnv } from '../../../functions/config';

const STACK_ENV = {
  HUB_CONFIG_FILE: 'hub.config.json',
  HUB_PUBLIC_URL: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod',
  TENANT_ACCESS_ROLE_ARN: 'arn:aws:iam::123456789012:role/tenant-access',
  HUB_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ocpi-hub/prod/keys',
  POWERTOOLS_SERVICE_NAME: 'ocpi-hub-ocpi',
  LAMBDA_TASK_ROOT: '/var/task',
};

describe('Lambda environment', () => {
  it('reads what the stack sets: the bundled tenants file, public URL, role, secret and service name', () => {
    expect(readLambdaEnv(STACK_ENV)).toEqual({ ...STACK_ENV, LOG_LEVEL: 'INFO' });
  });

  it.each(['HUB_CONFIG_FILE', 'TENANT_ACCESS_ROLE_ARN', 'HUB_KEYS_SECRET_ARN'])(
    'refuses to start without %s, naming it',
    (name) => {
      const env: Record<string, string> = { ...STACK_ENV };
      delete env[name];

      expect(() => readLambdaEnv(env)).toThrow(ConfigError);
      expect(() => readLambdaEnv(env)).toThrow(name);
    },
  );
});
