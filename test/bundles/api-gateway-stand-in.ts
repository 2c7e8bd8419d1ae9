import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { LambdaProcess } from './lambda-process';
import type { SynthesizedBundles } from './synth-bundles';

/** A method of the REST API: its resource path (`/{tenant}/ocpi/{proxy+}`) and the function behind it. */
export interface ApiRoute {
  readonly resourcePath: string;
  readonly httpMethod: string;
  readonly functionLogicalId: string;
}

type Template = SynthesizedBundles['template'];
type Intrinsic = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

/** The proxy methods the template declares (AWS::ApiGateway::Method with an AWS_PROXY integration). */
export function apiRoutesOf(template: Template): ApiRoute[] {
  const resources = template.Resources;
  const pathOf = (parent: Intrinsic): string => {
    if (parent['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
    const resource = parent.Ref ? resources[parent.Ref] : undefined;
    if (!resource) throw new Error(`unknown API resource ${JSON.stringify(parent)}`);
    const { ParentId, PathPart } = resource.Properties as { ParentId: Intrinsic; PathPart: string };
    return `${pathOf(ParentId)}/${PathPart}`;
  };
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGateway::Method')
    .flatMap((method) => {
      const props = method.Properties as { HttpMethod: string; ResourceId: Intrinsic; Integration?: unknown };
      const target = /"Fn::GetAtt":\["([^"]+)","Arn"\]/.exec(JSON.stringify(props.Integration ?? {}))?.[1];
      if (!target || resources[target]?.Type !== 'AWS::Lambda::Function') return [];
      return [
        {
          resourcePath: pathOf(props.ResourceId) || '/',
          httpMethod: props.HttpMethod,
          functionLogicalId: target,
        },
      ];
    });
}

/** Matches `/a/b/c` against `/{x}/b/{proxy+}`; the path parameters, or undefined. */
function matchRoute(resourcePath: string, path: string): Record<string, string> | undefined {
  const want = resourcePath.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy?.[1]) {
      if (i >= have.length) return undefined;
      params[greedy[1]] = have.slice(i).join('/');
      return params;
    }
    const segment = have[i];
    if (segment === undefined) return undefined;
    const variable = /^\{(.+)\}$/.exec(part);
    if (variable?.[1]) params[variable[1]] = decodeURIComponent(segment);
    else if (part !== segment) return undefined;
  }
  return want.length === have.length ? params : undefined;
}

export interface ApiGatewayStandIn {
  /** `http://127.0.0.1:<port>/<stage>`: the execute-api URL with the stage, as partners get it. */
  readonly url: string;
  /** One line per request, in the template's access log format (AccessLogSetting.Format). */
  readonly accessLog: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const clfTime = (date: Date): string => {
  const month = date.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

/**
 * API Gateway on loopback for the synthesized REST API: routes each request by the template's
 * resources and methods, hands the function a REST proxy event (stage stripped from `path`,
 * `requestContext.requestId` fresh per request), turns its answer into the HTTP response (502 when
 * the function failed, 403 `Missing Authentication Token` when no route matches, as API Gateway
 * does) and writes an access log line in the stage's format.
 */
export async function startApiGatewayStandIn(opts: {
  template: Template;
  stage: string;
  functions: ReadonlyMap<string, LambdaProcess>;
}): Promise<ApiGatewayStandIn> {
  const routes = apiRoutesOf(opts.template);
  const stageResource = Object.values(opts.template.Resources).find(
    (r) => r.Type === 'AWS::ApiGateway::Stage',
  );
  const format = (stageResource?.Properties.AccessLogSetting as { Format?: string } | undefined)?.Format;
  const accessLog: Array<Record<string, unknown>> = [];

  async function serve(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://gateway');
    const context: Record<string, string> = {
      requestId: randomUUID(),
      extendedRequestId: randomUUID().slice(0, 16),
      requestTime: clfTime(new Date(started)),
      'identity.sourceIp': req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '-',
      'identity.userAgent': String(req.headers['user-agent'] ?? '-'),
      httpMethod: req.method ?? 'GET',
      domainName: String(req.headers.host ?? '-'),
      protocol: `HTTP/${req.httpVersion}`,
    };
    const reply = (result: APIGatewayProxyResult) => {
      const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
      for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
        headers[name] = values.map(String);
      const payload = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
      res.writeHead(result.statusCode, { ...headers, 'x-amzn-requestid': context.requestId ?? '' });
      res.end(payload);
      context.status = String(result.statusCode);
      context.responseLength = String(payload.length);
      context.responseLatency = String(Date.now() - started);
      if (format) accessLog.push(renderAccessLog(format, context));
    };

    const stagePrefix = `/${opts.stage}/`;
    const path = url.pathname.startsWith(stagePrefix)
      ? url.pathname.slice(stagePrefix.length - 1)
      : undefined;
    const matched = path
      ? routes
          .filter((r) => r.httpMethod === 'ANY' || r.httpMethod === req.method)
          .map((route) => ({ route, params: matchRoute(route.resourcePath, path) }))
          .find((m) => m.params)
      : undefined;
    const fn = matched && opts.functions.get(matched.route.functionLogicalId);
    if (!path || !matched?.params || !fn) {
      const json = { statusCode: 403, body: JSON.stringify({ message: 'Missing Authentication Token' }) };
      return reply({ ...json, headers: { 'content-type': 'application/json' } });
    }
    context.resourcePath = matched.route.resourcePath;

    const multiValueHeaders: Record<string, string[]> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] as string;
      multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), req.rawHeaders[i + 1] as string];
    }
    multiValueHeaders['X-Forwarded-For'] = [context['identity.sourceIp'] ?? '-'];
    multiValueHeaders['X-Forwarded-Proto'] = ['https'];
    multiValueHeaders['X-Forwarded-Port'] = ['443'];
    const query: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) query[name] = [...(query[name] ?? []), value];
    const hasQuery = Object.keys(query).length > 0;
    const event: APIGatewayProxyEvent = {
      resource: matched.route.resourcePath,
      path,
      httpMethod: req.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(multiValueHeaders).map(([k, v]) => [k, v.at(-1)])),
      multiValueHeaders,
      queryStringParameters: hasQuery
        ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.at(-1)]))
        : null,
      multiValueQueryStringParameters: hasQuery ? query : null,
      pathParameters: matched.params,
      stageVariables: null,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'standin',
        resourceId: 'standin',
        resourcePath: matched.route.resourcePath,
        httpMethod: req.method ?? 'GET',
        path: `/${opts.stage}${path}`,
        stage: opts.stage,
        requestId: context.requestId as string,
        extendedRequestId: context.extendedRequestId,
        requestTime: context.requestTime,
        requestTimeEpoch: started,
        protocol: context.protocol as string,
        domainName: context.domainName,
        authorizer: null,
        identity: {
          sourceIp: context['identity.sourceIp'] as string,
          userAgent: context['identity.userAgent'] ?? null,
          accessKey: null,
          accountId: null,
          apiKey: null,
          apiKeyId: null,
          caller: null,
          clientCert: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          user: null,
          userArn: null,
        },
      },
    };
    const awsRequestId = randomUUID();
    context.awsEndpointRequestId = awsRequestId;
    const integrationStarted = Date.now();
    try {
      const result = await fn.invoke<APIGatewayProxyResult>(event, awsRequestId);
      context.integrationStatus = '200';
      context.integrationLatency = String(Date.now() - integrationStarted);
      reply(result);
    } catch (err) {
      context.integrationStatus = '200';
      context['error.message'] = 'Internal server error';
      context.integrationLatency = String(Date.now() - integrationStarted);
      reply({ statusCode: 502, body: JSON.stringify({ message: 'Internal server error' }) });
      console.warn(`API Gateway stand-in: ${fn.serviceName} failed: ${(err as Error).message}`);
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      serve(req, Buffer.concat(chunks), res).catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${opts.stage}`,
    accessLog,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The stage's access log format with its `$context` variables filled in; API Gateway writes `-` for none. */
function renderAccessLog(format: string, context: Record<string, string>): Record<string, unknown> {
  const line = format.replace(/\$context\.([A-Za-z0-9.]+)/g, (_, name: string) =>
    JSON.stringify(context[name] ?? '-').slice(1, -1),
  );
  return JSON.parse(line) as Record<string, unknown>;
}
