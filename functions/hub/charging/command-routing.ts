import type { PartnerRole } from '../../domain/partner';
import { InvalidParametersError, UnknownLocationError } from '../../ocpi/errors';
import { type PartyRef, partyKey, partyOfKey } from '../../ocpi/party';

import type { CommandType } from '../../ocpi/schemas';
import { callerParty, type OcpiCall, receiverOf } from '../routing/ocpi-call';
import { locationOwner, sessionById } from './open-routing';

type Body = Record<string, unknown>;

/**
 * The eMSP party sending a command. A command naming a token must use one of the caller's own eMSP
 * parties' tokens (commands §13, ocpi-notes §4.6: "an eMSP may only use its own tokens"); without OCPI-from
 * headers that token's owner is the sending party.
 */
export function commandSender(call: OcpiCall, body: Body): PartnerRole {
  const token = body.token as { country_code?: string; party_id?: string } | undefined;
  if (!token) return callerParty(call, ['EMSP']);
  const owner = { country_code: String(token.country_code), party_id: String(token.party_id) };
  const ownEmsp = call.caller.partner.roles.find((r) => r.role === 'EMSP' && partyKey(r) === partyKey(owner));
  const sender = call.routing.from || !ownEmsp ? callerParty(call, ['EMSP']) : ownEmsp;
  if (partyKey(sender) !== partyKey(owner)) {
    call.ctx.log.security('command_with_foreign_token', { partner_id: call.caller.partner.id });
    throw new InvalidParametersError(
      `belongs to ${owner.country_code}/${owner.party_id}, not to the sending eMSP ${sender.country_code}/${sender.party_id}`,
      'token',
    );
  }
  return sender;
}

/**
 * The CPO a command goes to (ocpi-notes §3.3): OCPI-to headers, else the owner of the location, the CPO of
 * the eMSP's stored session, or the CPO the reservation was made with. A session of another eMSP's
 * token is refused whichever way it is addressed.
 */
export async function commandReceiver(
  call: OcpiCall,
  command: CommandType,
  body: Body,
  sender: PartyRef,
): Promise<PartyRef> {
  const senderKey = partyKey(sender);
  if (command === 'STOP_SESSION') {
    const sessionId = String(body.session_id);
    const cpo = await receiverOf(
      call,
      async () => {
        const stored = await sessionById(call.ctx, sessionId, senderKey);
        return stored ? partyOfKey(stored.cpo_key) : undefined;
      },
      'command',
    );
    const stored = await call.ctx.store.sessions.get(partyKey(cpo), sessionId);
    if (stored && stored.emsp_key !== senderKey) {
      call.ctx.log.security('command_on_foreign_session', { partner_id: call.caller.partner.id });
      throw new InvalidParametersError('is a session of another eMSP', 'session_id');
    }
    return cpo;
  }
  if (command === 'CANCEL_RESERVATION') {
    return receiverOf(
      call,
      async () => {
        const reservation = await call.ctx.store.commands.findReservation(
          sender,
          String(body.reservation_id),
        );
        return reservation
          ? { country_code: reservation.cpo.country_code, party_id: reservation.cpo.party_id }
          : undefined;
      },
      'command',
    );
  }
  const locationId = String(body.location_id);
  return receiverOf(
    call,
    async () => {
      const owner = await locationOwner(call.ctx, locationId);
      if (!owner) throw new UnknownLocationError(`unknown location '${locationId}'`);
      return owner;
    },
    'command',
  );
}
