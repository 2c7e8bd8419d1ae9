import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../functions/hub/charging/content-hash';
import { IDEMPOTENCY_WINDOWS_MS, IN_PROGRESS_CLAIM_MS } from '../../../functions/hub/charging/idempotency';
import { cdrOf } from './charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from './charging-network';

describe('idempotency claims of CDR POSTs', () => {
  let net: ChargingNetwork;
  let cpoPartnerId: string;

  beforeAll(async () => {
    net = await startChargingNetwork();
    const partners = await net.tenantContext().store.partners.list();
    const cpo = partners.find((p) => p.roles.some((r) => r.role === 'CPO' && r.party_id === 'CPA'));
    if (!cpo) throw new Error('no CPO partner');
    cpoPartnerId = cpo.id;
  });
  afterAll(async () => {
    await net?.close();
  });

  /** What a CDR POST leaves behind when its process dies (`kill -9`) before answering. */
  async function claimLeftByACrash(cdr: Record<string, unknown>, claimedAt: number) {
    const repo = net.tenantContext().store.idempotency;
    const key = `cdrs|${cpoPartnerId}|NL*CPA|${String(cdr.id).toUpperCase()}`;
    const claim = await repo.claim(key, contentHash(cdr), {
      windowMs: IDEMPOTENCY_WINDOWS_MS.cdrs,
      claimMs: IN_PROGRESS_CLAIM_MS,
      nowMs: claimedAt,
    });
    expect(claim.claimed).toBe(true);
  }

  it('processes a retry once the claim of a request that died has expired', async () => {
    // Prepare
    const cdr = cdrOf(net.cpoParty, net.emspParty, 'CRASHED1');
    await claimLeftByACrash(cdr, Date.now() - 2 * IN_PROGRESS_CLAIM_MS);
    // Act
    const retry = await net.cpo.postCdr(cdr);
    // Assess
    expect([retry.status, envelopeOf(retry).status_code]).toEqual([201, 1000]);
    await net.emsp.waitFor(() =>
      net.emsp.received.some((r) => r.module === 'cdrs' && (r.body as { id?: string }).id === 'CRASHED1'),
    );
  });

  it('still asks a repeat to retry later while the first request may be running', async () => {
    // Prepare
    const cdr = cdrOf(net.cpoParty, net.emspParty, 'RUNNING1');
    await claimLeftByACrash(cdr, Date.now());
    // Act
    const repeat = await net.cpo.postCdr(cdr);
    // Assess
    expect(envelopeOf(repeat).status_code).toBe(2000);
    expect(envelopeOf(repeat).status_message).toContain('retry later');
  });
});
