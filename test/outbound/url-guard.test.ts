import { describe, expect, it, vi } from 'vitest';
import { OutboundNetworkError, OutboundUrlRefusedError } from '../../functions/outbound/errors';
import { checkOutboundUrl, NAME_REFUSED, type ResolveHost } from '../../functions/outbound/url-guard';

const strict = { allowHttp: false, allowPrivateAddresses: false };
const httpOnlyStrict = { allowHttp: true, allowPrivateAddresses: false };
const lenient = { allowHttp: true, allowPrivateAddresses: true };

function resolverOf(table: Record<string, string[]>): ResolveHost {
  return vi.fn(async (hostname: string) => {
    const answer = table[hostname];
    if (!answer) throw Object.assign(new Error(`unknown host ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  });
}

async function refusalOf(promise: Promise<unknown>): Promise<OutboundUrlRefusedError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof OutboundUrlRefusedError))
    throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('checkOutboundUrl', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:7f00:1::]/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://127.1/',
    'http://0177.0.0.1/',
    'http://10.0.0.7/',
    'http://100.64.1.1/',
    'http://172.20.0.1/',
    'http://192.168.0.10/',
    'http://[fd12::1]/',
    'http://[fe80::1]/',
    'http://0.0.0.0/',
    'http://255.255.255.255/',
    'http://224.0.0.1/',
    'http://[::]/',
  ])('refuses %s without asking DNS', async (url) => {
    // Prepare
    const resolve = resolverOf({});

    // Act
    const refusal = await refusalOf(checkOutboundUrl(url, httpOnlyStrict, resolve));

    // Assess
    expect(refusal.reason).toMatch(/^address .* is (loopback|private|link-local|multicast|reserved|a cloud)/);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('refuses a host name that resolves to a 10.x address without saying what it resolved to', async () => {
    // Prepare
    const resolve = resolverOf({ 'partner.example': ['10.1.2.3'] });

    // Act
    const refusal = await refusalOf(checkOutboundUrl('https://partner.example/ocpi', strict, resolve));

    // Assess: the message may reach the partner; the address is for the security log only.
    expect(refusal.reason).toBe(NAME_REFUSED);
    expect(refusal.message).not.toContain('10.1.2.3');
    expect(refusal.message).not.toMatch(/private/);
    expect(refusal.detail).toBe('partner.example resolves to 10.1.2.3: address 10.1.2.3 is private');
  });

  it('refuses a host name that resolves to both a public and a private address', async () => {
    // Prepare
    const resolve = resolverOf({ 'partner.example': ['8.8.8.8', '2606:4700::1111', '192.168.5.5'] });

    // Act
    const refusal = await refusalOf(checkOutboundUrl('https://partner.example/', strict, resolve));

    // Assess
    expect(refusal.reason).toBe(NAME_REFUSED);
    expect(refusal.detail).toBe('partner.example resolves to 192.168.5.5: address 192.168.5.5 is private');
  });

  it('accepts an https URL whose host resolves to public addresses only', async () => {
    // Prepare
    const resolve = resolverOf({ 'partner.example': ['8.8.8.8', '2606:4700::1111'] });

    // Act
    const checked = await checkOutboundUrl('https://partner.example/ocpi/versions?x=1', strict, resolve);

    // Assess
    expect(checked.url.hostname).toBe('partner.example');
    expect(checked.addresses).toEqual(['8.8.8.8', '2606:4700::1111']);
  });

  it('refuses http when the policy requires https', async () => {
    // Prepare
    const resolve = resolverOf({ 'partner.example': ['8.8.8.8'] });

    // Act
    const refusal = await refusalOf(checkOutboundUrl('http://partner.example/', strict, resolve));

    // Assess
    expect(refusal.reason).toBe('scheme http: is not allowed, only https');
  });

  it.each([
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/_x',
    'ftp://partner.example/',
    'javascript:alert(1)',
  ])('refuses the non-http scheme of %s', async (url) => {
    // Act
    const refusal = await refusalOf(checkOutboundUrl(url, lenient, resolverOf({})));

    // Assess
    expect(refusal.reason).toMatch(/^scheme .* is not allowed/);
  });

  it.each(['not a url', '/ocpi/versions', 'https://', ''])('refuses %j as no absolute URL', async (url) => {
    // Act
    const refusal = await refusalOf(checkOutboundUrl(url, lenient, resolverOf({})));

    // Assess
    expect(refusal.reason).toBe('not a valid absolute URL');
  });

  it('refuses credentials in the URL and keeps them out of the message', async () => {
    // Prepare
    const resolve = resolverOf({ 'partner.example': ['8.8.8.8'] });

    // Act
    const refusal = await refusalOf(
      checkOutboundUrl('https://user:secret-xyz@partner.example/', strict, resolve),
    );

    // Assess
    expect(refusal.reason).toBe('credentials in the URL');
    expect(refusal.message).not.toContain('secret-xyz');
  });

  it('accepts loopback and private addresses when the policy allows them', async () => {
    // Prepare
    const resolve = resolverOf({ 'cpo.local': ['10.0.0.2'] });

    // Act
    const loopback = await checkOutboundUrl('http://127.0.0.1:9000/ocpi', lenient, resolve);
    const named = await checkOutboundUrl('http://cpo.local/ocpi', lenient, resolve);

    // Assess
    expect(loopback.addresses).toEqual(['127.0.0.1']);
    expect(named.addresses).toEqual(['10.0.0.2']);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data',
    'http://[fd00:ec2::254]/',
    'http://100.100.100.200/',
    'http://[::ffff:169.254.169.254]/',
    // Any AWS link-local service, not only today's addresses (issue #10, low): Amazon DNS, time, ...
    'http://169.254.169.253/',
    'http://169.254.169.123/',
    'http://169.254.0.1/',
    'http://[fd00:ec2::123]/',
    'http://[fd00:ec2:1::1]/',
    'http://[::ffff:169.254.10.10]/',
  ])(
    'refuses the metadata or link-local service address %s even when private addresses are allowed',
    async (url) => {
      // Act
      const refusal = await refusalOf(checkOutboundUrl(url, lenient, resolverOf({})));

      // Assess
      expect(refusal.reason).toMatch(/is a cloud metadata or link-local service address$/);
    },
  );

  it('refuses a host name resolving to a link-local service address even when private addresses are allowed', async () => {
    // Prepare
    const resolve = resolverOf({ 'metadata.example': ['169.254.170.2'] });

    // Act
    const refusal = await refusalOf(checkOutboundUrl('http://metadata.example/', lenient, resolve));

    // Assess
    expect(refusal.reason).toBe(NAME_REFUSED);
    expect(refusal.detail).toMatch(/169\.254\.170\.2 is a cloud metadata or link-local service address$/);
  });

  it('refuses a resolver answer that is not an IP address', async () => {
    // Prepare
    const resolve = resolverOf({ 'partner.example': ['partner.internal'] });

    // Act
    const refusal = await refusalOf(checkOutboundUrl('https://partner.example/', lenient, resolve));

    // Assess
    expect(refusal.reason).toBe(NAME_REFUSED);
    expect(refusal.detail).toMatch(/resolver answered with something that is not an IP address$/);
  });

  it('refuses a host name without any address', async () => {
    // Prepare
    const resolve = resolverOf({ 'partner.example': [] });

    // Act
    const refusal = await refusalOf(checkOutboundUrl('https://partner.example/', strict, resolve));

    // Assess
    expect(refusal.reason).toBe('host has no address');
  });

  it('reports a failed DNS lookup as a network error', async () => {
    // Act
    const error = await checkOutboundUrl('https://unknown.example/', strict, resolverOf({})).catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(OutboundNetworkError);
    expect((error as OutboundNetworkError).code).toBe('ENOTFOUND');
  });
});
