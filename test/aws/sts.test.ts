import { describe, expect, it } from 'vitest';
import { assumedCredentialsOf } from '../../functions/aws/sts';

describe('the AssumeRole answer', () => {
  it('reads the credentials and their expiry', () => {
    // Prepare
    const xml = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><AssumedRoleId>AROA:tenant-demo</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/tenant-demo</Arn></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>wJal/rXUt+nFEMI</SecretAccessKey>
      <SessionToken>FwoGZX&amp;IvYXdz==</SessionToken>
      <Expiration>2026-03-04T06:06:07Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>`;
    // Act
    const credentials = assumedCredentialsOf(xml);
    // Assess
    expect(credentials).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'wJal/rXUt+nFEMI',
      sessionToken: 'FwoGZX&IvYXdz==',
      expiration: new Date('2026-03-04T06:06:07Z'),
    });
  });

  it('refuses an answer without credentials', () => {
    // Act / Assess
    expect(() => assumedCredentialsOf('<AssumeRoleResponse></AssumeRoleResponse>')).toThrow(/no credentials/);
  });
});
