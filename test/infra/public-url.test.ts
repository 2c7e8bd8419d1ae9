import { describe, expect, it } from 'vitest';
import { type Resource, synthHubStack } from './synth-hub-stack';
import { findCycle } from './template-graph';

const publicUrlsOf = (hub: ReturnType<typeof synthHubStack>): unknown[] =>
  hub.stack.functions.all.map((fn) => hub.environmentOf(fn.function).HUB_PUBLIC_URL);

describe('public URL without a custom domain', () => {
  const hub = synthHubStack({ bundle: false });

  it('gives every function the execute-api URL with the stage, built from the API id', () => {
    const apiId = hub.logicalIdOf(hub.stack.api.api);

    for (const url of publicUrlsOf(hub)) {
      expect(url).toEqual({
        'Fn::Join': [
          '',
          [
            'https://',
            { Ref: apiId },
            '.execute-api.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/dev',
          ],
        ],
      });
    }
  });

  it('leaves no dependency cycle between the functions and the API that invokes them', () => {
    expect(findCycle(hub.resources)).toBeUndefined();
  });

  it('detects the cycle a stage reference in the environment would make', () => {
    // Prepare: the URL from the stage resource (what RestApi.url would give) in the ocpi function.
    const resources = structuredClone(hub.resources);
    const stageId = hub.logicalIdOf(hub.stack.api.api.deploymentStage);
    const ocpi = resources[hub.logicalIdOf(hub.stack.functions.ocpi.function)] as Resource;
    (ocpi.Properties.Environment as { Variables: Record<string, unknown> }).Variables.HUB_PUBLIC_URL = {
      Ref: stageId,
    };

    // Act
    const cycle = findCycle(resources);

    // Assess
    expect(cycle).toContain(stageId);
  });

  it('has no custom domain resources', () => {
    expect(Object.keys(hub.ofType('AWS::ApiGateway::DomainName'))).toEqual([]);
  });
});

describe('public URL with a custom domain', () => {
  const hub = synthHubStack({
    bundle: false,
    context: {
      domainName: 'hub.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
      hostedZoneId: 'Z0123456789',
      hostedZoneName: 'example.com',
    },
  });

  it('gives every function the fixed https URL of the domain', () => {
    expect(new Set(publicUrlsOf(hub))).toEqual(new Set(['https://hub.example.com']));
  });

  it('serves the stage at the domain root with TLS 1.2 at least, regional, with its certificate', () => {
    hub.template.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'hub.example.com',
      SecurityPolicy: 'TLS_1_2',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      RegionalCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    });
    const [mapping] = Object.values(hub.ofType('AWS::ApiGateway::BasePathMapping'));
    expect(mapping?.Properties).toMatchObject({
      RestApiId: { Ref: hub.logicalIdOf(hub.stack.api.api) },
      Stage: { Ref: hub.logicalIdOf(hub.stack.api.api.deploymentStage) },
    });
    expect(mapping?.Properties.BasePath).toBeUndefined();
  });

  it('writes A and AAAA alias records in the hosted zone', () => {
    const records = Object.values(hub.ofType('AWS::Route53::RecordSet')).map((r) => r.Properties);

    expect(records.map((r) => `${r.Type} ${r.Name} ${r.HostedZoneId}`).sort()).toEqual([
      'A hub.example.com. Z0123456789',
      'AAAA hub.example.com. Z0123456789',
    ]);
  });

  it('leaves no dependency cycle', () => {
    expect(findCycle(hub.resources)).toBeUndefined();
  });
});
