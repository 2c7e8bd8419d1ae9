import type { Partner } from '../../domain/partner';
import { endpointUrl } from '../../domain/partner';
import { HUB_METRICS } from '../../metric-names';
import { ClientApiUnusableError, formatIssuePath } from '../../ocpi/errors';
import { HUB_VERSIONS, VersionNumbers } from '../../ocpi/modules';
import { type Credentials, CredentialsSchema } from '../../ocpi/schemas/credentials';
import { observeReading } from '../../ocpi/schemas/nulls';
import { Credentials211Schema } from '../../ocpi/v211/schemas';
import { credentialsTo211, credentialsTo221, type Role211 } from '../../ocpi/v211/translate';
import { PartnerChangedError } from '../../store/partner.repository';
import type { TransactOp } from '../../store/tenant-table';
import { generateToken } from '../auth/token-keys';
import type { TenantContext } from '../hub-runtime';
import { type Leniencies, leniencyFor } from '../partners/leniency';
import { requirePartner, tokenAExpiry } from '../partners/partner.service';
import { role211Of } from '../v211/link-211';
import {
  hasLowerCaseParty,
  hubCredentials,
  isRegistered,
  matchOnboardedRoles,
  partyStatusOps,
  registeredPartner,
  retireInboundOps,
  savePartner,
  withExchangedCredentials,
} from './credentials-support';
import { callPartner, PartnerApiError } from './partner-api';
import { suspendPartner } from './partner-initiated.service';
import { type DiscoveredPartner, type DiscoveryScope, discoverPartner } from './version-discovery';

/** The hub picks the highest version both sides list; 2.1.1 only for a partner of one CPO or eMSP party. */
function hubScope(partner: Partner): DiscoveryScope {
  const role211 = role211Of(partner);
  return { versions: HUB_VERSIONS, ...(role211 ? { role211 } : {}) };
}

/** The partner is in the wrong state for the admin action (admin API answers 409). */
export class PartnerStateError extends Error {}

/**
 * Hub-initiated registration (admin `connect`, ocpi-notes §2.4 with roles swapped): the hub GETs the
 * partner's versions and details with the token A the partner issued, POSTs its credentials with a
 * fresh token for the partner to use, and stores the token the partner returns.
 */
export async function connectToPartner(
  ctx: TenantContext,
  partnerId: string,
  versionsUrl: string,
  tokenA: string,
) {
  const partner = await requirePartner(ctx, partnerId);
  if (isRegistered(partner))
    throw new PartnerStateError('partner is already registered; rotate or unregister it instead');
  const leniencies = leniencyFor(ctx, partner.id);
  let discovered: DiscoveredPartner;
  try {
    discovered = await discoverPartner(
      ctx,
      versionsUrl,
      tokenA,
      'base64',
      undefined,
      hubScope(partner),
      leniencies,
    );
  } catch (err) {
    // Nothing was sent that registers anything; the admin still sees why in the partner detail.
    await recordLastError(ctx, partner.id, err);
    throw err;
  }
  const inbound = await preRegisterInboundToken(ctx, partner);
  let answer: Credentials;
  try {
    answer = await exchangeCredentials(ctx, partner, 'POST', discovered, tokenA, inbound.token, leniencies);
  } catch (err) {
    const explained = credentialsPostFailed(err, partner.id);
    await abandonInboundToken(ctx, partner, inbound.hash, explained);
    throw explained;
  }
  try {
    const roles = matchOnboardedRoles(partner, answer.roles);
    const at = new Date(ctx.runtime.now()).toISOString();
    const next = registeredPartner(ctx, partner, roles, {
      versionsUrl,
      discovered,
      outboundToken: answer.token,
      inboundHash: inbound.hash,
      at,
    });
    const extra: TransactOp[] = partner.token_a_hash
      ? [ctx.store.credentialTokens.deleteOp(partner.token_a_hash)]
      : [];
    const saved = await savePartner(ctx, next, partner.rev, [
      ...extra,
      ...partyStatusOps(ctx, next, 'CONNECTED', at, roles),
    ]);
    ctx.log.security('partner_registered', {
      partner: partner.id,
      initiated_by: 'hub',
      version: discovered.version,
    });
    ctx.runtime.metrics.count(HUB_METRICS.handshakes, { Tenant: ctx.tenant.id }, 1, { InitiatedBy: 'hub' });
    return saved;
  } catch (err) {
    // The partner accepted our credentials: it consumed token A and now holds a registration (with a
    // token for us) that the hub does not keep.
    const explained = new ClientApiUnusableError(
      `${errorMessage(err)}. ${TOKEN_A_CONSUMED} ${nextSteps(partner.id)}`,
    );
    await abandonInboundToken(ctx, partner, inbound.hash, explained);
    throw explained;
  }
}

const TOKEN_A_CONSUMED =
  'The partner accepted the credentials POST, so it has consumed token A and keeps a registration of the hub that the hub has forgotten (the hub stored nothing and the token it gave the partner no longer works).';

function nextSteps(partnerId: string): string {
  return `Next: ask the partner to delete its registration of this hub and to issue a new token A, then connect again (POST /partners/${partnerId}/connect with the new token A).`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A failed credentials POST, explained for the admin: a refusal of token A registered nothing; a 1000
 * answer without usable credentials means the partner registered the hub; any other
 * failure (no answer, an error answer, an unreadable one) may come after the partner processed the POST,
 * consumed token A and kept a registration the hub does not have.
 */
function credentialsPostFailed(err: unknown, partnerId: string): Error {
  if (err instanceof CredentialsRefusedError) {
    return new ClientApiUnusableError(
      `${err.message}. The partner registered nothing. Next: ask the partner for a valid token A and connect again (POST /partners/${partnerId}/connect).`,
    );
  }
  if (err instanceof CredentialsAnswerUnreadableError) {
    return new ClientApiUnusableError(`${err.message}. ${TOKEN_A_CONSUMED} ${nextSteps(partnerId)}`);
  }
  if (!(err instanceof ClientApiUnusableError)) return err instanceof Error ? err : new Error(String(err));
  return new ClientApiUnusableError(
    `${err.message}. The partner may have processed the POST anyway: then it has consumed token A and keeps a registration of the hub that the hub has forgotten. ${nextSteps(partnerId)}`,
  );
}

/**
 * Hub-initiated rotation (admin `rotate` and the scheduled job, credentials §4.1.2): the hub PUTs its
 * credentials with a new token for the partner and stores the token the partner returns. The old
 * inbound token keeps working for the grace window; if the PUT fails nothing changes on our side.
 */
export async function rotateWithPartner(ctx: TenantContext, partnerId: string): Promise<Partner> {
  const partner = await requirePartner(ctx, partnerId);
  if (!isRegistered(partner) || !partner.outbound_token_enc || !partner.versions_url) {
    throw new PartnerStateError('partner is not registered; nothing to rotate');
  }
  const currentToken = ctx.runtime.keys.decrypt(partner.outbound_token_enc);
  const leniencies = leniencyFor(ctx, partner.id);
  const inbound = await preRegisterInboundToken(ctx, partner);
  let discovered: DiscoveredPartner;
  let answer: Awaited<ReturnType<typeof exchangeCredentials>>;
  try {
    // The updating side re-reads versions and details first (credentials §4.1.2 / ocpi-notes §2.5).
    discovered = await discoverPartner(
      ctx,
      partner.versions_url,
      currentToken,
      partner.outbound_token_encoding,
      undefined,
      hubScope(partner),
      leniencies,
    );
    answer = await exchangeCredentials(
      ctx,
      partner,
      'PUT',
      discovered,
      currentToken,
      inbound.token,
      leniencies,
    );
  } catch (err) {
    await abandonInboundToken(ctx, partner, inbound.hash, err);
    throw err;
  }
  // The partner now uses the new token and gave us a new one: this must be stored, so a concurrent
  // change of the partner record is retried on fresh state instead of abandoning the rotation.
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 ? partner : await requirePartner(ctx, partnerId);
    const now = ctx.runtime.now();
    const at = new Date(now).toISOString();
    const next = withExchangedCredentials(ctx, current, {
      versionsUrl: current.versions_url ?? partner.versions_url,
      discovered,
      outboundToken: answer.token,
      inboundHash: inbound.hash,
      at,
    });
    try {
      const saved = await savePartner(ctx, next, current.rev, retireInboundOps(ctx, current, now));
      ctx.log.security('credentials_rotated', { partner: partner.id, initiated_by: 'hub' });
      ctx.runtime.metrics.count(HUB_METRICS.rotations, { Tenant: ctx.tenant.id }, 1, { InitiatedBy: 'hub' });
      return saved;
    } catch (err) {
      if (!(err instanceof PartnerChangedError) || attempt >= 3) throw err;
    }
  }
}

/** Admin unregister: credentials DELETE towards the partner (best effort), then revoke everything locally. */
export async function unregisterPartner(ctx: TenantContext, partnerId: string): Promise<Partner> {
  const partner = await requirePartner(ctx, partnerId);
  if (partner.status === 'SUSPENDED') return partner;
  const credentialsUrl = endpointUrl(partner, 'credentials');
  if (isRegistered(partner) && partner.outbound_token_enc && credentialsUrl) {
    try {
      await callPartner(ctx, {
        method: 'DELETE',
        url: credentialsUrl,
        token: ctx.runtime.keys.decrypt(partner.outbound_token_enc),
        encoding: partner.outbound_token_encoding,
      });
    } catch (err) {
      // The partner may already be gone; our side revokes regardless so no token stays usable.
      ctx.log.warn('credentials DELETE towards partner failed', {
        partner: partner.id,
        error: (err as Error).message,
      });
    }
  }
  const saved = await suspendPartner(ctx, partner);
  ctx.log.security('partner_unregistered', { partner: partner.id, initiated_by: 'hub' });
  return saved;
}

/** A fresh token A for (re-)onboarding; any earlier token A stops working. */
export async function issueNewTokenA(
  ctx: TenantContext,
  partnerId: string,
): Promise<{ partner: Partner; tokenA: string }> {
  const partner = await requirePartner(ctx, partnerId);
  if (isRegistered(partner)) {
    throw new PartnerStateError('partner is registered; unregister it before issuing a new token A');
  }
  const tokenA = generateToken();
  const hash = ctx.runtime.keys.hash(tokenA);
  const at = new Date(ctx.runtime.now()).toISOString();
  const next: Partner = {
    ...partner,
    token_a_hash: hash,
    token_a_issued_at: at,
    token_a_expires_at: tokenAExpiry(ctx),
    updated_at: at,
  };
  const saved = await savePartner(ctx, next, partner.rev, [
    ...(partner.token_a_hash ? [ctx.store.credentialTokens.deleteOp(partner.token_a_hash)] : []),
    ctx.store.credentialTokens.putOp({
      hash,
      partner_id: partner.id,
      kind: 'A',
      created_at: at,
      expires_at: next.token_a_expires_at,
    }),
  ]);
  ctx.log.security('token_a_issued', { partner: partner.id });
  return { partner: saved, tokenA };
}

/**
 * The token the partner will use towards us must work before we hand it over: the partner calls our
 * versions endpoint with it while it handles our POST/PUT.
 */
async function preRegisterInboundToken(ctx: TenantContext, partner: Partner) {
  const token = generateToken();
  const hash = ctx.runtime.keys.hash(token);
  await ctx.store.credentialTokens.create({
    hash,
    partner_id: partner.id,
    kind: 'C',
    created_at: new Date(ctx.runtime.now()).toISOString(),
  });
  return { token, hash };
}

async function abandonInboundToken(ctx: TenantContext, partner: Partner, hash: string, cause: unknown) {
  await ctx.store.credentialTokens.remove(hash).catch(() => undefined);
  await recordLastError(ctx, partner.id, cause);
}

/** The partner detail's `last_error` (admin API) says why the last handshake failed. */
async function recordLastError(ctx: TenantContext, partnerId: string, cause: unknown) {
  const message = errorMessage(cause);
  await ctx.store.partners
    .get(partnerId)
    .then((p) => (p ? savePartner(ctx, { ...p, last_error: message.slice(0, 1000) }, p.rev) : undefined))
    .catch(() => undefined);
}

/** The partner refused token A (or the hub's encoding of it) on the credentials call itself. */
class CredentialsRefusedError extends ClientApiUnusableError {}

/** The partner answered the credentials call with status 1000 but no usable Credentials object. */
class CredentialsAnswerUnreadableError extends ClientApiUnusableError {}

/**
 * POSTs or PUTs the hub's credentials to the partner and reads its answer, in the version discovered:
 * a 2.1.1 partner gets the hub's flat object and answers with its own (ocpi-notes §6).
 */
async function exchangeCredentials(
  ctx: TenantContext,
  partner: Partner,
  method: 'POST' | 'PUT',
  discovered: DiscoveredPartner,
  token: string,
  newInboundToken: string,
  leniencies: Leniencies,
): Promise<Credentials> {
  const v211 = discovered.version === VersionNumbers.V2_1_1;
  const ours = hubCredentials(ctx, newInboundToken);
  let data: unknown;
  try {
    ({ data } = await callPartner(ctx, {
      method,
      url: discovered.credentialsUrl,
      token,
      encoding: discovered.encoding,
      body: v211 ? credentialsTo211(ours) : ours,
      expect: 'object',
      leniencies,
    }));
  } catch (err) {
    if (err instanceof PartnerApiError && err.kind === 'unauthorized')
      throw new CredentialsRefusedError(`credentials ${method} refused: ${err.message}`);
    if (err instanceof PartnerApiError)
      throw new ClientApiUnusableError(`credentials ${method} failed: ${err.message}`);
    throw err;
  }
  if (v211) {
    const flat = Credentials211Schema.safeParse(data);
    if (flat.success) return credentialsTo221(flat.data, role211Of(partner) as Role211);
    throw unreadableAnswer(flat.error.issues, discovered.version);
  }
  const { result: parsed, notes } = observeReading(() => CredentialsSchema.safeParse(data));
  if (notes.unknownFields > 0) leniencies.note('unknown_fields');
  if (parsed.success && hasLowerCaseParty(parsed.data.roles)) leniencies.note('lowercase_cistrings');
  if (parsed.success) return parsed.data;
  throw unreadableAnswer(parsed.error.issues, discovered.version);
}

function unreadableAnswer(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  version: string,
): CredentialsAnswerUnreadableError {
  const issue = issues[0];
  const field = issue ? `: ${formatIssuePath(issue.path, 'data')}: ${issue.message}` : '';
  return new CredentialsAnswerUnreadableError(
    `the partner's credentials answer is not a valid OCPI ${version} Credentials object${field}`,
  );
}
