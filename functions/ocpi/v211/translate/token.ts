import {
  type AuthorizationInfo,
  AuthorizationInfoSchema,
  type LocationReferences,
  LocationReferencesSchema,
} from '../../schemas/authorization-info';
import {
  type Token,
  type TokenPatch,
  TokenPatchSchema,
  TokenSchema,
  type TokenType,
} from '../../schemas/token';
import {
  type AuthorizationInfo211,
  AuthorizationInfo211Schema,
  type LocationReferences211,
  LocationReferences211Schema,
  type Token211,
  type Token211Patch,
  Token211PatchSchema,
  Token211Schema,
  type TokenType211,
} from '../schemas/token';
import { checked } from './checked';
import { utcDateTimes } from './datetimes';
import { compact, type Party } from './party';
import { type LossLog, noteLoss } from './untranslatable';

/** APP_USER and AD_HOC_USER tokens do not exist in 2.1.1: they go out as OTHER, its catch-all type. */
function tokenTypeTo211(type: TokenType, log?: LossLog): TokenType211 {
  if (type === 'RFID' || type === 'OTHER') return type;
  noteLoss(log, 'type', `${type} sent as OTHER`);
  return 'OTHER';
}

/**
 * The 2.2.1 token types a 2.1.1 type may stand for, for looking a 2.1.1 partner's token reference up
 * in the store: OTHER is also what APP_USER and AD_HOC_USER tokens were sent as.
 */
export function tokenTypesFor211(type: TokenType211): readonly TokenType[] {
  return type === 'RFID' ? ['RFID'] : ['OTHER', 'APP_USER', 'AD_HOC_USER'];
}

function tokenFieldsTo211(token: TokenPatch, log?: LossLog): Token211Patch {
  const {
    country_code: _countryCode,
    party_id: _partyId,
    contract_id,
    type,
    group_id,
    default_profile_type,
    energy_contract,
    ...rest
  } = token;
  for (const [name, value] of Object.entries({ group_id, default_profile_type, energy_contract })) {
    if (value !== undefined) noteLoss(log, name, 'dropped: 2.1.1 tokens have no such field');
  }
  return compact({
    ...rest,
    type: type === undefined ? undefined : tokenTypeTo211(type, log),
    auth_id: contract_id,
  }) as Token211Patch;
}

/** A Token toward a 2.1.1 CPO: `contract_id` is 2.1.1's `auth_id`. */
export function tokenTo211(token: Token, log?: LossLog): Token211 {
  return checked(Token211Schema, tokenFieldsTo211(token, log), '2.1.1');
}

export function tokenPatchTo211(patch: TokenPatch, log?: LossLog): Token211Patch {
  return checked(Token211PatchSchema, tokenFieldsTo211(patch, log), '2.1.1');
}

function tokenFieldsTo221(token: Token211Patch): TokenPatch {
  const { auth_id, ...rest } = token;
  return compact({ ...rest, contract_id: auth_id }) as TokenPatch;
}

/** A 2.1.1 eMSP's Token as the hub stores it, owned by the eMSP's party. */
export function tokenTo221(token: Token211, owner: Party): Token {
  const fields = { ...tokenFieldsTo221(token), country_code: owner.country_code, party_id: owner.party_id };
  return checked(TokenSchema, utcDateTimes(fields), '2.2.1');
}

/** A 2.1.1 Token PATCH; one without `last_updated` gets the time the hub received it. */
export function tokenPatchTo221(patch: Token211Patch, receivedAt: string): TokenPatch {
  const fields = { ...tokenFieldsTo221(patch), last_updated: patch.last_updated ?? receivedAt };
  return checked(TokenPatchSchema, utcDateTimes(fields), '2.2.1');
}

/** LocationReferences toward 2.1.1: the same fields (2.1.1 also has connector_ids, which stay absent). */
export function locationReferencesTo211(references: LocationReferences): LocationReferences211 {
  return checked(LocationReferences211Schema, references, '2.1.1');
}

/** 2.2.1 has no connector_ids: the eMSP is asked about the EVSEs. */
export function locationReferencesTo221(
  references: LocationReferences211,
  log?: LossLog,
): LocationReferences {
  const { connector_ids, ...rest } = references;
  if (connector_ids !== undefined) noteLoss(log, 'connector_ids', 'dropped: 2.2.1 has no such field');
  return checked(LocationReferencesSchema, rest, '2.2.1');
}

/**
 * An eMSP's authorization answer toward a 2.1.1 CPO. 2.1.1 has no `token` (the CPO asked about it) and no
 * `authorization_reference`; a 2.1.1 CPO cannot echo the latter in its session, so it is lost.
 */
export function authorizationInfoTo211(info: AuthorizationInfo, log?: LossLog): AuthorizationInfo211 {
  const { token: _token, authorization_reference, location, ...rest } = info;
  if (authorization_reference !== undefined) {
    noteLoss(log, 'authorization_reference', 'dropped: 2.1.1 has no such field');
  }
  const translated = compact({ ...rest, location: location && locationReferencesTo211(location) });
  return checked(AuthorizationInfo211Schema, translated, '2.1.1');
}

/**
 * A 2.1.1 eMSP's authorization answer toward a 2.2.1 CPO, which requires the whole Token: the caller
 * passes the stored token the CPO asked about.
 */
export function authorizationInfoTo221(
  info: AuthorizationInfo211,
  token: Token,
  log?: LossLog,
): AuthorizationInfo {
  const { location, ...rest } = info;
  const translated = compact({
    ...rest,
    token,
    location: location && locationReferencesTo221(location, log),
  });
  return checked(AuthorizationInfoSchema, translated, '2.2.1');
}
