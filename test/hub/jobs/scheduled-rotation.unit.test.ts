import { describe, expect, it } from 'vitest';
import { parseHubConfig } from '../../../functions/config';
import type { DeliveryWorker } from '../../../functions/hub/delivery/delivery-worker';
import type { HubRuntime } from '../../../functions/hub/hub-runtime';
import { runScheduledJob } from '../../../functions/hub/jobs/scheduled-jobs';
import type { HubLog, LogFields } from '../../../functions/logger';

/** A log that keeps what it was told, so the test can read the refusal. */
function recordingLog(lines: { level: string; message: string; fields?: LogFields }[]): HubLog {
  const at =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      lines.push({ level, message, fields });
    };
  const log: HubLog = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    security: at('security'),
    child: () => log,
  };
  return log;
}

describe('scheduled credential rotation', () => {
  it('refuses to rotate without a public URL and logs why', async () => {
    // Prepare: a runtime without publicUrl; its stores throw, so any attempt to rotate would fail.
    const lines: { level: string; message: string; fields?: LogFields }[] = [];
    const runtime = {
      config: parseHubConfig(
        {
          tenants: [{ id: 'demo', name: 'Demo', hub: { country_code: 'NL', party_id: 'HUB', name: 'Hub' } }],
        },
        'test',
      ),
      log: recordingLog(lines),
      now: Date.now,
      stores: {
        forTenant: () => {
          throw new Error('the rotation job reached tenant data');
        },
      },
    } as unknown as HubRuntime;
    // Act
    await runScheduledJob(runtime, 'credential-rotation', { worker: {} as DeliveryWorker });
    // Assess
    expect(lines).toEqual([
      {
        level: 'error',
        message: 'credential rotation refused',
        fields: { job: 'credential-rotation', reason: expect.stringContaining('HUB_PUBLIC_URL') },
      },
    ]);
  });
});
