import type { Context } from 'hono';

/**
 * The public origin (plus API Gateway stage) the caller used, for URLs the hub hands out when no
 * HUB_PUBLIC_URL is configured. Behind API Gateway the Lambda adapter passes the request context,
 * whose `stage` prefixes every path on the default execute-api domain.
 */
export function requestBaseUrl(c: Context): string {
  const url = new URL(c.req.url);
  const env = c.env as { requestContext?: { stage?: string; domainName?: string } } | undefined;
  const stage = env?.requestContext?.stage;
  const domain = env?.requestContext?.domainName;
  if (domain && stage && domain.includes('.execute-api.')) return `https://${domain}/${stage}`;
  if (domain) return `https://${domain}`;
  return url.origin;
}
