import { refOf } from '../../ocpi/party';

import { postCallback } from '../charging/partner-callback';
import type { TenantContext } from '../hub-runtime';

/** Commands handled per job run; the rest wait for the next run (the schedule runs every minute). */
const MAX_PER_RUN = 200;
const PAGE = 50;

/**
 * The 'command-timeouts' job: for every command whose CPO result did not arrive within the CPO's own
 * `timeout` plus a margin, the hub sends the eMSP a CommandResult TIMEOUT (commands §13.4.2). The state
 * change AWAITING -> TIMED_OUT is a conditional write, so a result racing the job, or two job runs,
 * still give the eMSP exactly one result. Returns how many TIMEOUTs were sent.
 */
export async function expireCommands(ctx: TenantContext): Promise<number> {
  const repo = ctx.store.commands;
  let expired = 0;
  for (let handled = 0; handled < MAX_PER_RUN; ) {
    const due = await repo.listDue(ctx.runtime.now(), PAGE);
    if (due.length === 0) break;
    for (const record of due) {
      handled++;
      if (!(await repo.settle(record.id, ['AWAITING'], 'TIMED_OUT', 'TIMEOUT'))) continue;
      expired++;
      const body = {
        result: 'TIMEOUT',
        message: [{ language: 'en', text: 'no result from the charge point operator in time' }],
      };
      await postCallback(ctx, {
        module: 'commands',
        to: refOf(record.emsp),
        toRoles: ['EMSP'],
        from: refOf(record.cpo),
        url: record.response_url,
        bodyText: JSON.stringify(body),
        correlationId: record.correlation_id,
      });
    }
    if (due.length < PAGE) break;
  }
  if (expired > 0) ctx.log.info('synthesized command timeouts', { count: expired });
  return expired;
}
