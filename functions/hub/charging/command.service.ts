import { randomBytes } from 'node:crypto';
import { refOf } from '../../ocpi/party';
import type { CommandType } from '../../ocpi/schemas';
import { UntranslatableError } from '../../ocpi/v211/translate';
import type { RoutedParty } from '../../store/command.repository';
import { nowIso } from '../hub-runtime';
import { relayedAnswer, type StoredAnswer } from '../routing/answers';
import { forwardToParty } from '../routing/forwarder';
import type { OcpiCall } from '../routing/ocpi-call';
import { resolveTargetParty } from '../routing/party-resolution';
import { commandReceiver, commandSender } from './command-routing';
import { contentHash } from './content-hash';
import { IDEMPOTENCY_WINDOWS_MS, runIdempotent } from './idempotency';
import { requireRegisteredOrigin } from './response-url';
import { readSyncAnswer } from './sync-answer';

/** Added to the CPO's own `timeout` before the hub gives up on a result (network and clock slack). */
export const COMMAND_RESULT_MARGIN_MS = 30_000;
/** A CPO announcing a longer wait is capped: a TIMEOUT must reach the eMSP some day. */
const MAX_COMMAND_TIMEOUT_S = 3_600;
/** The wait when the CPO's answer names no usable timeout (odd shape, error, or no answer in time). */
export const DEFAULT_COMMAND_TIMEOUT_S = 120;
/** Command mappings outlive their deadline by a day for late results and support. */
const RECORD_TTL_S = 24 * 3600;

export interface CommandRequest {
  command: CommandType;
  /** The validated command body (unknown fields kept). */
  body: Record<string, unknown>;
}

/**
 * An eMSP's command (commands §13.2, ocpi-notes §4.6) to the CPO. The eMSP's `response_url` is replaced by a
 * hub URL unique to this command; the mapping is stored so the CPO's CommandResult can be forwarded
 * once, or a TIMEOUT synthesized once when none comes (command-result.service, command-timeouts).
 * A repeat with the same response_url within 5 minutes gets the first answer and is not sent again.
 */
export async function sendCommand(call: OcpiCall, req: CommandRequest): Promise<StoredAnswer> {
  const sender = commandSender(call, req.body);
  const cpo = await commandReceiver(call, req.command, req.body, sender);
  const responseUrl = String(req.body.response_url);
  requireRegisteredOrigin(call.ctx, call.caller.partner, responseUrl, 'response_url');
  return runIdempotent(
    call.ctx,
    {
      key: `commands|${call.caller.partner.id}|${req.command}|${responseUrl}`,
      bodyHash: contentHash(req.body),
      windowMs: IDEMPOTENCY_WINDOWS_MS.commands,
    },
    () => forwardCommand(call, req, { ...refOf(sender), partner_id: call.caller.partner.id }, cpo),
  );
}

async function forwardCommand(
  call: OcpiCall,
  req: CommandRequest,
  emsp: RoutedParty,
  cpo: { country_code: string; party_id: string },
): Promise<StoredAnswer> {
  const { ctx } = call;
  const repo = ctx.store.commands;
  // Resolved before the record is written: only this CPO may post the result, possibly even before
  // its CommandResponse is back.
  const target = await resolveTargetParty(ctx, cpo, ['CPO']);
  const id = randomBytes(18).toString('base64url');
  const nowS = Math.floor(ctx.runtime.now() / 1000);
  await repo.create(
    {
      id,
      command: req.command,
      state: 'SENDING',
      emsp,
      cpo: { ...refOf(target.party), partner_id: target.partner.id },
      response_url: String(req.body.response_url),
      correlation_id: call.correlationId,
      created_at: nowIso(ctx.runtime),
      ...(req.command === 'RESERVE_NOW' ? { reservation_id: String(req.body.reservation_id) } : {}),
    },
    nowS + RECORD_TTL_S + MAX_COMMAND_TIMEOUT_S,
  );
  let result: Awaited<ReturnType<typeof forwardToParty>>;
  try {
    result = await forwardToParty(ctx, {
      module: 'commands',
      targetInterface: 'RECEIVER',
      method: 'POST',
      pathSegments: [req.command],
      bodyText: JSON.stringify({ ...req.body, response_url: ctx.urls.commandResult(id) }),
      from: refOf(emsp),
      to: cpo,
      targetRoles: ['CPO'],
      correlationId: call.correlationId,
      callerPartnerId: call.caller.partner.id,
    });
  } catch (err) {
    if (err instanceof UntranslatableError) {
      // Never sent: a 2.1.1 CPO cannot be asked this (docs/ocpi-2.1.1-translation.md), so no result comes.
      await repo.settle(id, ['SENDING'], 'CLOSED', { closedReason: err.message });
      throw err;
    }
    // No answer in time, a reset, an answer that is no OCPI envelope: the CPO may well have the
    // command and post its result, so it is awaited; at worst the eMSP gets a TIMEOUT after the error.
    await awaitResult(call, id, DEFAULT_COMMAND_TIMEOUT_S);
    throw err;
  }
  // Open until its result or its deadline unless the CPO clearly refused (issue #11 fault 3).
  const answer = readSyncAnswer(result.httpStatus, result.bodyText);
  if (answer.open) await awaitResult(call, id, answer.timeoutS ?? DEFAULT_COMMAND_TIMEOUT_S);
  else await repo.settle(id, ['SENDING'], 'CLOSED', { closedReason: `the CPO answered ${answer.result}` });
  return relayedAnswer(result);
}

async function awaitResult(call: OcpiCall, id: string, timeoutS: number): Promise<void> {
  const waitS = Math.min(timeoutS, MAX_COMMAND_TIMEOUT_S);
  await call.ctx.store.commands.awaitResult(
    id,
    call.ctx.runtime.now() + waitS * 1000 + COMMAND_RESULT_MARGIN_MS,
  );
}
