import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableNameOf } from '../../functions/config';
import { testDynamoClient } from '../support/dynamo';
import { PlatformPool } from '../support/platforms';
import { startTestHub, type TestHub } from '../support/test-hub';

/** Every form a token could take in a table dump or a log line. */
function forms(token: string): string[] {
  return [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')];
}

describe('tokens at rest and in logs', () => {
  let hub: TestHub;
  const pool = new PlatformPool();
  const logLines: string[] = [];

  beforeAll(async () => {
    // Powertools writes INFO/DEBUG to stdout and WARN/ERROR to stderr: capture both.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logLines.push(String(chunk));
        return write(chunk, ...(rest as []));
      });
    }
    hub = await startTestHub({ logLevel: 'DEBUG' });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await pool.closeAll();
    await hub?.stop();
  });

  it('keeps no token, raw or base64, in the tenant table or the logs after a handshake and rotations', async () => {
    // Prepare: collect every token that existed during a full lifecycle.
    const seen: string[] = [];
    const cpo = await pool.create('CPO', 'SEC');
    const { id, tokenA } = await hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'SEC' }]);
    seen.push(tokenA);
    // Act
    await cpo.registerWith(hub.versionsUrl(), tokenA);
    seen.push(cpo.hubToken as string, cpo.inboundToken as string);
    await cpo.rotate();
    seen.push(cpo.hubToken as string, cpo.inboundToken as string);
    expect((await hub.admin('POST', `/partners/${id}/rotate`)).status).toBe(200);
    seen.push(cpo.hubToken as string, cpo.inboundToken as string);
    await cpo.hubRequest('GET', hub.versionsUrl(), { token: 'wrong-token-for-the-log' });
    seen.push('wrong-token-for-the-log', hub.adminTokens.get('demo') as string);
    // Assess
    const dump = await testDynamoClient().send(
      new ScanCommand({ TableName: tableNameOf(hub.config, 'demo') }),
    );
    const tableText = JSON.stringify(dump.Items);
    const logText = logLines.join('');
    expect(dump.Items?.length).toBeGreaterThan(3);
    expect(logText).toContain('credentials_rotated');
    for (const token of seen) {
      for (const form of forms(token)) {
        expect(tableText, 'token found in the table').not.toContain(form);
        expect(logText, 'token found in a log line').not.toContain(form);
      }
    }
    expect(logText).not.toMatch(/"authorization":"Token/i);
  });
});
