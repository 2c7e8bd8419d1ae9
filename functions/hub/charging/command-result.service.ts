import { NotFoundError } from '../../ocpi/errors';
import { partyKey, refOf } from '../../ocpi/party';
import type { CommandRecord } from '../../store/command.repository';
import { hubAnswer, type StoredAnswer } from '../routing/answers';
import type { OcpiCall } from '../routing/ocpi-call';

import { postCallback } from './partner-callback';

/**
 * A CPO's CommandResult posted to the hub URL that replaced the eMSP's response_url (commands §13.2.2,
 * ocpi-notes §3.6). Only the CPO the command was sent to may post it. The first result wins the
 * conditional write and is forwarded to the eMSP's own response_url; a repeated or late one (after the
 * hub's TIMEOUT) is acknowledged and dropped, so the eMSP never gets two results.
 */
export async function receiveCommandResult(
  call: OcpiCall,
  id: string,
  bodyText: string,
  result: string,
): Promise<StoredAnswer> {
  const repo = call.ctx.store.commands;
  const record = await repo.get(id);
  if (!record || !isFromItsCpo(call, record)) {
    if (record)
      call.ctx.log.security('command_result_from_wrong_party', { partner_id: call.caller.partner.id });
    throw new NotFoundError('unknown command result URL');
  }
  const won = await repo.settle(id, ['SENDING', 'AWAITING'], 'ANSWERED', result);
  if (won) {
    await postCallback(call.ctx, {
      module: 'commands',
      to: refOf(record.emsp),
      toRoles: ['EMSP'],
      from: refOf(record.cpo),
      url: record.response_url,
      bodyText,
      correlationId: record.correlation_id,
    });
  } else {
    call.ctx.log.info('dropped a repeated or late command result', { command_id: id, state: record.state });
  }
  return hubAnswer({
    httpStatus: 200,
    requester: refOf(record.cpo),
    receiver: refOf(record.emsp),
    now: call.ctx.runtime.now(),
    message: won ? undefined : 'result already delivered or timed out; not forwarded again',
  });
}

function isFromItsCpo(call: OcpiCall, record: CommandRecord): boolean {
  const cpoKey = partyKey(record.cpo);
  const holds = call.caller.partner.roles.some((r) => r.role === 'CPO' && partyKey(r) === cpoKey);
  const from = call.routing.from;
  return holds && (!from || partyKey(from) === cpoKey);
}
