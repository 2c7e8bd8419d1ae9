import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

export interface ApiDomainProps {
  readonly api: apigateway.RestApi;
  /** e.g. hub.example.com */
  readonly domainName: string;
  /** ACM certificate covering domainName, in the stack's region (regional endpoint). */
  readonly certificateArn: string;
  /** Hosted zone to hold the alias records; without one the operator points DNS at the outputs. */
  readonly hostedZone?: { readonly id: string; readonly name: string };
}

/**
 * The custom domain partners are given: the API's stage at the domain root, TLS 1.2 at least, and
 * (with a hosted zone) A/AAAA alias records. Partners keep this URL when the API is replaced.
 */
export class ApiDomain extends Construct {
  readonly domain: apigateway.DomainName;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    this.domain = new apigateway.DomainName(this, 'Domain', {
      domainName: props.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      endpointType: apigateway.EndpointType.REGIONAL,
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
      mapping: props.api,
    });
    if (props.hostedZone) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: props.hostedZone.id,
        zoneName: props.hostedZone.name,
      });
      const target = route53.RecordTarget.fromAlias(new route53Targets.ApiGatewayDomain(this.domain));
      new route53.ARecord(this, 'Ipv4', { zone, recordName: props.domainName, target });
      new route53.AaaaRecord(this, 'Ipv6', { zone, recordName: props.domainName, target });
    }
  }
}
