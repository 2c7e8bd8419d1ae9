import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { parseHubConfig, tableNameOf } from '../../functions/config';
import { createHubStack } from '../../infra/hub-app';
import { refuseUnsafeOutbound, UnsafeOutboundError } from '../../infra/stage-config';
import { readStageSettings, StageSettingsError } from '../../infra/stage-settings';
import { cdkJsonContext, synthHubStack, TWO_TENANTS_CONFIG } from './synth-hub-stack';

const settingsOf = (context: Record<string, unknown>) => readStageSettings(new App({ context }));

const tenant = (id: string, outbound: Record<string, boolean> = {}) => ({
  id,
  name: id,
  hub: { country_code: 'NL', party_id: 'HUB', name: 'Hub' },
  outbound,
});

describe('stage settings', () => {
  it('defaults to the dev stage with safe defaults', () => {
    const settings = settingsOf({});

    expect(settings).toMatchObject({
      stage: 'dev',
      reuseRetained: false,
      allowUnsafeOutbound: false,
      reserveConcurrency: true,
      adminAllowedCidrs: [],
    });
  });

  it('reads the stage object of cdk.json and lets flat context override it', () => {
    const settings = settingsOf({
      stage: 'prod',
      stages: {
        prod: { domainName: 'hub.example.com', certificateArn: 'arn:aws:acm:x', alarmEmail: 'a@b.io' },
      },
      alarmEmail: 'ops@example.com',
      adminAllowedCidrs: '203.0.113.0/24, 2001:db8::/32',
      reuseRetained: 'true',
    });

    expect(settings).toMatchObject({
      stage: 'prod',
      domainName: 'hub.example.com',
      alarmEmail: 'ops@example.com',
      adminAllowedCidrs: ['203.0.113.0/24', '2001:db8::/32'],
      reuseRetained: true,
    });
  });

  it.each([
    [{ stage: 'prod-eu' }, 'stage: 2-16 lowercase letters and digits'],
    [{ domainName: 'hub.example.com' }, 'domainName needs certificateArn'],
    [{ hostedZoneId: 'Z1' }, 'hostedZoneId and hostedZoneName go together'],
    [{ adminAllowedCidrs: '10.0.0.1' }, 'adminAllowedCidrs.0: CIDR blocks'],
  ])('refuses %j with a message naming the setting', (context, message) => {
    expect(() => settingsOf(context)).toThrow(StageSettingsError);
    expect(() => settingsOf(context)).toThrow(message);
  });
});

describe('unsafe tenant flags', () => {
  const config = parseHubConfig(
    { tenants: [tenant('safe'), tenant('lab', { allowHttp: true, allowPrivateAddresses: true })] },
    'test',
  );

  it('refuses allowHttp and allowPrivateAddresses outside dev, naming tenant and flag', () => {
    const attempt = () => refuseUnsafeOutbound(config, settingsOf({ stage: 'prod' }));

    expect(attempt).toThrow(UnsafeOutboundError);
    expect(attempt).toThrow(
      'stage prod refuses tenant flags meant for local development only (lab: outbound.allowHttp, lab: outbound.allowPrivateAddresses)',
    );
    expect(attempt).toThrow('-c allowUnsafeOutbound=true');
  });

  it('deploys them in dev, or elsewhere with the explicit override', () => {
    expect(() => refuseUnsafeOutbound(config, settingsOf({ stage: 'dev' }))).not.toThrow();
    expect(() =>
      refuseUnsafeOutbound(config, settingsOf({ stage: 'prod', allowUnsafeOutbound: 'true' })),
    ).not.toThrow();
  });

  it('stops the synth of a prod stack from the committed demo tenants file', () => {
    const app = new App({ context: { ...cdkJsonContext(), stage: 'prod', 'aws:cdk:bundling-stacks': [] } });

    expect(() => createHubStack(app, {})).toThrow(UnsafeOutboundError);
  });
});

describe('stages side by side', { timeout: 120_000 }, () => {
  it('names the stack, API stage, tables, secret, aliases, WAF logs and dashboard after the stage', () => {
    const names = ['dev', 'prod'].map((stage) => {
      const hub = synthHubStack({ context: { stage }, bundle: false });
      const one = (type: string) => Object.values(hub.ofType(type)).map((r) => r.Properties);
      return {
        stack: hub.stack.stackName,
        apiStage: one('AWS::ApiGateway::Stage')[0]?.StageName,
        tables: one('AWS::DynamoDB::Table').map((p) => p.TableName),
        secret: one('AWS::SecretsManager::Secret')[0]?.Name,
        aliases: one('AWS::KMS::Alias').map((p) => p.AliasName),
        wafLogs: one('AWS::Logs::LogGroup').flatMap((p) => p.LogGroupName ?? []),
        dashboard: one('AWS::CloudWatch::Dashboard')[0]?.DashboardName,
        config: hub.config,
      };
    });

    expect(names[0]).toMatchObject({
      stack: 'OcpiHub-dev',
      apiStage: 'dev',
      tables: ['test-hub-dev-alpha', 'test-hub-dev-beta-net'],
      secret: 'ocpi-hub/dev/keys',
      aliases: ['alias/ocpi-hub-dev-keys', 'alias/ocpi-hub-dev-tables'],
      wafLogs: ['aws-waf-logs-ocpi-hub-dev'],
      dashboard: 'OcpiHub-dev',
    });
    expect(names[1]).toMatchObject({ stack: 'OcpiHub-prod', apiStage: 'prod', secret: 'ocpi-hub/prod/keys' });
    const [dev, prod] = names as [(typeof names)[0], (typeof names)[0]];
    const physical = (n: typeof dev) => [
      n.stack,
      ...n.tables,
      n.secret,
      ...n.aliases,
      ...n.wafLogs,
      n.dashboard,
    ];
    expect(physical(dev).filter((name) => physical(prod).includes(name))).toEqual([]);
    expect(tableNameOf(prod.config, 'alpha')).toBe('test-hub-prod-alpha');
  });
});

describe('destroy and deploy again', { timeout: 120_000 }, () => {
  const account = '123456789012';
  const region = 'eu-west-1';
  const env = { CDK_DEFAULT_ACCOUNT: account, CDK_DEFAULT_REGION: region };

  /** Synthesizes with reuseRetained, answering the lookups as the CLI would from the account. */
  function synthReusing(existingTables: string[]) {
    const context = { stage: 'prod', reuseRetained: true };
    const first = new App({
      context: {
        ...cdkJsonContext(),
        hubConfig: TWO_TENANTS_CONFIG,
        'aws:cdk:bundling-stacks': [],
        ...context,
      },
    });
    createHubStack(first, env);
    const missing = first.synth().manifest.missing ?? [];
    const answers = Object.fromEntries(
      missing.map(({ key, provider, props }) => {
        if (provider === 'key-provider')
          return [key, { keyId: `key-for-${(props as { aliasName: string }).aliasName}` }];
        const table = (props as { exactIdentifier: string }).exactIdentifier;
        const found = existingTables.includes(table)
          ? [
              {
                Identifier: table,
                StreamArn: `arn:aws:dynamodb:${region}:${account}:table/${table}/stream/2026-01-01T00:00:00.000`,
              },
            ]
          : [];
        return [key, found];
      }),
    );
    return { missing, hub: synthHubStack({ context: { ...context, ...answers }, env, bundle: false }) };
  }

  it('looks up both keys by alias and every tenant table by name, only when asked to', () => {
    const { missing } = synthReusing([]);

    expect(
      missing
        .map((m) => `${m.provider} ${JSON.stringify(m.props).match(/"(alias\/[^"]+|test-hub-[^"]+)"/)?.[1]}`)
        .sort(),
    ).toEqual([
      'cc-api-provider test-hub-prod-alpha',
      'cc-api-provider test-hub-prod-beta-net',
      'key-provider alias/ocpi-hub-prod-keys',
      'key-provider alias/ocpi-hub-prod-tables',
    ]);
    expect(synthHubStack({ bundle: false }).app.synth().manifest.missing).toBeUndefined();
  });

  it('references the retained tables, keys and secret instead of creating them again', () => {
    const { hub } = synthReusing(['test-hub-prod-alpha', 'test-hub-prod-beta-net']);

    expect(Object.keys(hub.ofType('AWS::DynamoDB::Table'))).toEqual([]);
    expect(Object.keys(hub.ofType('AWS::SecretsManager::Secret'))).toEqual([]);
    expect(Object.keys(hub.ofType('AWS::KMS::Alias'))).toEqual([]);
    expect(Object.values(hub.ofType('AWS::KMS::Key'))).toHaveLength(1); // the alarm topic's own key
    const mappings = Object.values(hub.ofType('AWS::Lambda::EventSourceMapping')).map(
      (m) => m.Properties.EventSourceArn,
    );
    expect(mappings.sort()).toEqual([
      `arn:aws:dynamodb:${region}:${account}:table/test-hub-prod-alpha/stream/2026-01-01T00:00:00.000`,
      `arn:aws:dynamodb:${region}:${account}:table/test-hub-prod-beta-net/stream/2026-01-01T00:00:00.000`,
    ]);
    const ocpi = hub.resources[hub.logicalIdOf(hub.stack.functions.ocpi.function)];
    expect(JSON.stringify(ocpi?.Properties.Environment)).toContain(
      `arn:aws:secretsmanager:${region}:${account}:secret:ocpi-hub/prod/keys`,
    );
    expect(JSON.stringify(hub.template.toJSON())).toContain('key-for-alias/ocpi-hub-prod-tables');
  });

  it('creates the table of a tenant added since, and keeps its stream mapping id per tenant', () => {
    const { hub } = synthReusing(['test-hub-prod-alpha']);
    const created = Object.values(hub.ofType('AWS::DynamoDB::Table')).map((t) => t.Properties.TableName);

    expect(created).toEqual(['test-hub-prod-beta-net']);
    expect(hub.stack.tables.referenced).toEqual(['alpha']);
    const fresh = synthHubStack({ context: { stage: 'prod' }, bundle: false });
    const mappingIds = (h: typeof hub) => Object.keys(h.ofType('AWS::Lambda::EventSourceMapping')).sort();
    expect(mappingIds(hub)).toEqual(mappingIds(fresh));
  });

  it('refuses reuseRetained without a target account and region, saying how to run it', () => {
    const app = new App({
      context: { ...cdkJsonContext(), hubConfig: TWO_TENANTS_CONFIG, reuseRetained: true },
    });

    expect(() => createHubStack(app, {})).toThrow('run it through `npx cdk deploy` with AWS credentials');
  });
});
