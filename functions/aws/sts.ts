import { type AwsAnswer, AwsHttpClient, AwsServiceError, regionalEndpoint } from './aws-http';
import type { AwsCredentials } from './sigv4';

export interface AssumedCredentials extends Required<AwsCredentials> {
  expiration: Date;
}

/**
 * STS AssumeRole over its query protocol (form-encoded POST, XML answer), with the caller's (the
 * Lambda execution role's) credentials. The regional endpoint, as the SDK uses by default.
 */
export class StsClient {
  private readonly http: AwsHttpClient;

  constructor(opts: { region: string; credentials: AwsCredentials | (() => Promise<AwsCredentials>) }) {
    this.http = new AwsHttpClient(
      {
        endpoint: regionalEndpoint('sts', opts.region),
        region: opts.region,
        service: 'sts',
        credentials: opts.credentials,
      },
      stsError,
    );
  }

  async assumeRole(req: {
    roleArn: string;
    sessionName: string;
    tags: Record<string, string>;
    durationSeconds: number;
  }): Promise<AssumedCredentials> {
    const form = new URLSearchParams({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: req.roleArn,
      RoleSessionName: req.sessionName,
      DurationSeconds: String(req.durationSeconds),
    });
    Object.entries(req.tags).forEach(([key, value], i) => {
      form.set(`Tags.member.${i + 1}.Key`, key);
      form.set(`Tags.member.${i + 1}.Value`, value);
    });
    const answer = await this.http.post(
      { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      form.toString(),
    );
    return assumedCredentialsOf(answer.body);
  }
}

/** The four fields of `<Credentials>` in an AssumeRoleResponse. */
export function assumedCredentialsOf(xml: string): AssumedCredentials {
  const credentials = xmlElement(xml, 'Credentials');
  const accessKeyId = credentials && xmlElement(credentials, 'AccessKeyId');
  const secretAccessKey = credentials && xmlElement(credentials, 'SecretAccessKey');
  const sessionToken = credentials && xmlElement(credentials, 'SessionToken');
  const expiration = credentials && xmlElement(credentials, 'Expiration');
  if (
    !accessKeyId ||
    !secretAccessKey ||
    !sessionToken ||
    !expiration ||
    Number.isNaN(Date.parse(expiration))
  ) {
    throw new Error('tenant credentials: AssumeRole returned no credentials');
  }
  return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiration) };
}

function stsError(answer: AwsAnswer): AwsServiceError {
  const error = xmlElement(answer.body, 'Error') ?? '';
  return new AwsServiceError(
    xmlElement(error, 'Code') ?? `HTTP${answer.status}`,
    xmlElement(error, 'Message') ?? `HTTP ${answer.status}`,
    answer.status,
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first `<name>` element: STS answers are flat, machine-written XML. */
function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1]?.trim().replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');
}
