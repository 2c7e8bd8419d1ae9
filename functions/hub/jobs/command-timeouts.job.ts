import { outboxPutOp } from '../../store/outbox.repository';
import { commandResultMessage } from '../charging/command-result.service';
import type { TenantContext } from '../hub-runtime';

/** Commands handled per job run; the rest wait for the next run (the schedule runs every minute). */
const MAX_PER_RUN = 200;
const PAGE = 50;

/**
 * The 'command-timeouts' job: for every command whose CPO result did not arrive within the CPO's own
 * `timeout` plus a margin, the hub owes the eMSP a CommandResult TIMEOUT (commands §13.4.2), delivered
 * through the outbox like any result; its ledger entry says why the hub sent it. The state change
 * AWAITING -> TIMED_OUT is a conditional write in one transaction with that message, so a result
 * racing the job, or two job runs, still give the eMSP exactly one result. Returns how many TIMEOUTs
 * were owed.
 */
export async function expireCommands(ctx: TenantContext): Promise<number> {
  const repo = ctx.store.commands;
  let expired = 0;
  for (let handled = 0; handled < MAX_PER_RUN; ) {
    const due = await repo.listDue(ctx.runtime.now(), PAGE);
    if (due.length === 0) break;
    for (const record of due) {
      handled++;
      const body = {
        result: 'TIMEOUT',
        message: [{ language: 'en', text: 'no result from the charge point operator in time' }],
      };
      const deadline = new Date(record.deadline_ms ?? ctx.runtime.now()).toISOString();
      const note = `synthesized TIMEOUT: no CommandResult from CPO ${record.cpo.country_code}/${record.cpo.party_id} by ${deadline}`;
      const message = commandResultMessage(ctx, record, JSON.stringify(body), note);
      const owed = await repo.settle(record.id, ['AWAITING'], 'TIMED_OUT', {
        result: 'TIMEOUT',
        extra: [outboxPutOp(message)],
      });
      if (owed) expired++;
    }
    if (due.length < PAGE) break;
  }
  if (expired > 0) ctx.log.info('synthesized command timeouts', { count: expired });
  return expired;
}
