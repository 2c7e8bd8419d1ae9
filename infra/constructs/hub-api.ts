import { Aws, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogFormat } from './api-access-log';
import { ApiDomain, type ApiDomainProps } from './api-domain';

export interface HubApiProps {
  readonly ocpiFunction: lambda.IFunction;
  readonly adminFunction: lambda.IFunction;
  /** The deployment stage: also the API Gateway stage name. */
  readonly stage: string;
  readonly domain?: Omit<ApiDomainProps, 'api'>;
}

/**
 * The public REST API: every OCPI request of every tenant goes to the ocpi function, the admin API to
 * the admin function. Proxy integrations keep all routing in the Hono apps.
 */
export class HubApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly accessLogs: logs.LogGroup;
  readonly domain?: ApiDomain;
  /**
   * Base URL partners reach the hub at: the custom domain, or the execute-api URL with the stage.
   * Built from the API id and the literal stage name, never from the stage resource: the functions'
   * environment holds it, and the stage depends on the functions (a cycle otherwise).
   */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: HubApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new apigateway.RestApi(this, 'Api', {
      description: `OCPI 2.2.1 roaming hub (stage ${props.stage})`,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        throttlingRateLimit: 500,
        throttlingBurstLimit: 1000,
        // Execution logs without data trace: a data trace would log Authorization headers (tokens).
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: accessLogFormat(),
      },
    });

    const ocpi = new apigateway.LambdaIntegration(props.ocpiFunction, { allowTestInvoke: false });
    const admin = new apigateway.LambdaIntegration(props.adminFunction, { allowTestInvoke: false });
    const tenant = this.api.root.addResource('{tenant}');
    tenant.addResource('ocpi').addProxy({ defaultIntegration: ocpi, anyMethod: true });
    tenant.addResource('admin').addProxy({ defaultIntegration: admin, anyMethod: true });
    this.api.root.addResource('health').addMethod('GET', admin);

    if (props.domain) {
      this.domain = new ApiDomain(this, 'Domain', { api: this.api, ...props.domain });
      this.publicUrl = `https://${props.domain.domainName}`;
    } else {
      this.publicUrl = Fn.join('', [
        'https://',
        this.api.restApiId,
        `.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}/${props.stage}`,
      ]);
    }

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'The ocpi function authenticates every request by its OCPI token (OCPI 2.2.1 transport ' +
          'and format, "Authorization header") and the admin function by the tenant admin token; an ' +
          'API Gateway authorizer would duplicate that lookup.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'Partners are platforms authenticating with OCPI tokens, not Cognito users; the functions ' +
          'check those tokens themselves.',
      },
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'Requests are proxied to Hono apps that validate every body and parameter with zod and answer ' +
          'with the OCPI status code (2001) that an API Gateway validator could not produce.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for the account-level role ' +
          'API Gateway uses to write execution logs.',
      },
    );
  }
}
