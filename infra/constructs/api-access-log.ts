import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON line per request. `requestId` is API Gateway's request id, which the ocpi and admin
 * handlers adopt as the hub's X-Request-ID when the caller sent none
 * (functions/handlers/aws/api-gateway-request-id.ts), so it equals the `request_id` of the function's log lines and the
 * X-Request-ID response header. When the caller sent its own X-Request-ID (which the hub echoes),
 * the WAF log of the same `requestId` carries that header. `integrationRequestId` is the Lambda
 * invocation's request id. Never a header value (the Authorization header carries tokens) and never
 * the request path: paths of the tokens module carry token UIDs; `resourcePath` names the route.
 */
export function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: AccessLogField.contextRequestId(),
      extendedRequestId: AccessLogField.contextExtendedRequestId(),
      integrationRequestId: AccessLogField.contextAwsEndpointRequestId(),
      requestTime: AccessLogField.contextRequestTime(),
      ip: AccessLogField.contextIdentitySourceIp(),
      userAgent: AccessLogField.contextIdentityUserAgent(),
      httpMethod: AccessLogField.contextHttpMethod(),
      resourcePath: AccessLogField.contextResourcePath(),
      domainName: AccessLogField.contextDomainName(),
      status: AccessLogField.contextStatus(),
      protocol: AccessLogField.contextProtocol(),
      responseLength: AccessLogField.contextResponseLength(),
      responseLatency: AccessLogField.contextResponseLatency(),
      integrationLatency: AccessLogField.contextIntegrationLatency(),
      integrationStatus: AccessLogField.contextIntegrationStatus(),
      errorMessage: AccessLogField.contextErrorMessage(),
      wafResponseCode: AccessLogField.contextWafResponseCode(),
      xrayTraceId: AccessLogField.contextXrayTraceId(),
    }),
  );
}
