import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON line per request. `requestId` is API Gateway's request id: the ocpi and admin functions
 * log it on every line of the request as `api_request_id` (functions/http/middleware/request-context.ts),
 * next to `request_id` = the hub's X-Request-ID, and adopt it as the X-Request-ID when the caller sent
 * none (or one the hub cannot use), so the access log joins the function logs by
 * `requestId` = `api_request_id` whoever chose the X-Request-ID (docs/operations.md "Logs").
 * `integrationRequestId` is the Lambda invocation's request id. Never a header value (the
 * Authorization header carries tokens) and never the request path: paths of the tokens module carry
 * token UIDs; `resourcePath` names the route.
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
