import { NotFoundError } from '../../ocpi/errors';
import { partyKey, refOf } from '../../ocpi/party';
import type { CommandRecord } from '../../store/command.repository';
import { type OutboxMessage, outboxPutOp, outboxSequence } from '../../store/outbox.repository';
import type { TenantContext } from '../hub-runtime';
import { nowIso } from '../hub-runtime';
import { hubAnswer, type StoredAnswer } from '../routing/answers';
import type { OcpiCall } from '../routing/ocpi-call';
import { owedMessage } from './owed-message';

/**
 * A CPO's CommandResult posted to the hub URL that replaced the eMSP's response_url (commands §13.2.2,
 * ocpi-notes §3.6). Only the CPO the command was sent to may post it. The first result wins the
 * conditional write, which also writes its outbox message: the hub owes the eMSP the result and
 * delivers it to the eMSP's own response_url with retries, ledger and replay (issue #12 item 1). A
 * repeat is acknowledged and not sent again; a result after the deadline is kept for support but not
 * forwarded (the eMSP was sent a TIMEOUT), and the CPO is told exactly that.
 */
export async function receiveCommandResult(
  call: OcpiCall,
  id: string,
  bodyText: string,
  result: string,
): Promise<StoredAnswer> {
  const { ctx } = call;
  const repo = ctx.store.commands;
  const record = await repo.get(id);
  if (!record || !isFromItsCpo(call, record)) {
    if (record) ctx.log.security('command_result_from_wrong_party', { partner_id: call.caller.partner.id });
    throw new NotFoundError('unknown command result URL');
  }
  // CLOSED included: the CPO said it would send none, but one that comes is still the truth.
  const won = await repo.settle(id, ['SENDING', 'AWAITING', 'CLOSED'], 'ANSWERED', {
    result,
    extra: [outboxPutOp(commandResultMessage(ctx, record, bodyText))],
  });
  const message = won ? undefined : await whyNotForwarded(ctx, id, result);
  if (message) ctx.log.info('command result not forwarded', { command_id: id, reason: message });
  return hubAnswer({
    httpStatus: 200,
    requester: refOf(record.cpo),
    receiver: refOf(record.emsp),
    now: ctx.runtime.now(),
    message,
  });
}

/** The true reason a result lost the conditional write, read after it lost (the state moved on). */
async function whyNotForwarded(ctx: TenantContext, id: string, result: string): Promise<string> {
  const now = await ctx.store.commands.get(id);
  if (now?.state === 'TIMED_OUT') {
    await ctx.store.commands.recordLateResult(id, result, nowIso(ctx.runtime));
    const deadline = now.deadline_ms ? ` (${new Date(now.deadline_ms).toISOString()})` : '';
    return `result arrived after the deadline${deadline}; the eMSP was sent a TIMEOUT instead and this result is not forwarded`;
  }
  return 'a result for this command was already received; the hub delivers it to the eMSP once';
}

/**
 * The CommandResult the hub owes the eMSP (the CPO's, or the TIMEOUT the hub synthesizes with `note`
 * saying why): a POST to the eMSP's own response_url, FROM the CPO (ocpi-notes §3.3).
 */
export function commandResultMessage(
  ctx: TenantContext,
  record: CommandRecord,
  bodyText: string,
  note?: string,
): OutboxMessage {
  return owedMessage(ctx, {
    module: 'commands',
    method: 'POST',
    objectKey: `commands:${record.id}`,
    sequence: outboxSequence(ctx.runtime.now()),
    owner: { ...refOf(record.cpo), role: 'CPO' },
    target: { ...refOf(record.emsp), role: 'EMSP' },
    url: record.response_url,
    targetInterface: 'SENDER',
    bodyText,
    correlationId: record.correlation_id,
    ...(note ? { note } : {}),
  });
}

function isFromItsCpo(call: OcpiCall, record: CommandRecord): boolean {
  const cpoKey = partyKey(record.cpo);
  const holds = call.caller.partner.roles.some((r) => r.role === 'CPO' && partyKey(r) === cpoKey);
  const from = call.routing.from;
  return holds && (!from || partyKey(from) === cpoKey);
}
