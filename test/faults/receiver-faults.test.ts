import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrOf } from '../hub/charging/charging-fixtures';
import { type DeliveryTestHub, startDeliveryTestHub, waitIdle } from '../hub/delivery/delivery-test-hub';
import { at, locationOf } from '../hub/objects/object-fixtures';
import { createSimulatedPlatform, type ReceivedPush, type SimulatedPlatform } from '../partners';

const CPO = { country_code: 'NL', party_id: 'CPF' };
const LOCATIONS = 5;
const PATCHES_PER_LOCATION = 4;
const CDRS = 10;
const EVSES = ['3256', '3257'];
const CONVERGE_MS = 90_000;

/** Pushes the receiver accepted: an injected failure (error, timeout, reset, garbage) is not one. */
function accepted(p: SimulatedPlatform, module: string): ReceivedPush[] {
  const failed = new Set(p.requests.filter((r) => r.failedAs).map((r) => r.headers['x-request-id']));
  return p.received.filter((r) => r.module === module && !failed.has(r.headers['x-request-id']));
}

const locationIdOf = (r: ReceivedPush) => r.path.split('/locations/NL/CPF/')[1]?.split('/')[0] ?? '';
const lastUpdatedOf = (r: ReceivedPush) => String((r.body as { last_updated?: string }).last_updated);

describe('delivery to receivers that fail, time out, reset, answer garbage or go dark', () => {
  let hub: DeliveryTestHub;
  const platforms: SimulatedPlatform[] = [];
  let cpo: SimulatedPlatform;
  let chaotic: SimulatedPlatform;
  let healthy: SimulatedPlatform;
  let dark: SimulatedPlatform;
  /** The final EVSE statuses of each location, as the CPO last pushed them. */
  const finalStatus = new Map<string, Map<string, string>>();
  const partnerIds = new Map<SimulatedPlatform, string>();

  async function registered(role: 'CPO' | 'EMSP', partyId: string) {
    const roles = [{ role, country_code: 'NL', party_id: partyId }];
    const platform = await createSimulatedPlatform({ roles });
    platforms.push(platform);
    const { id, tokenA } = await hub.createPartner(roles);
    await platform.registerWith(hub.versionsUrl(), tokenA);
    partnerIds.set(platform, id);
    return platform;
  }

  beforeAll(async () => {
    // Retries never run out here: the question is whether anything is lost or reordered.
    hub = await startDeliveryTestHub({ policy: { maxAttempts: 40 } });
    cpo = await registered('CPO', 'CPF');
    chaotic = await registered('EMSP', 'EMA');
    healthy = await registered('EMSP', 'EMB');
    dark = await registered('EMSP', 'EMC');
    await waitIdle(hub);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
  });

  it('loses nothing, reorders nothing, delivers every CDR once and tells the CPO the truth', {
    timeout: 180_000,
  }, async () => {
    // Prepare: 20% 5xx, 5% time-outs, 1% resets, 5% garbage; one receiver silent throughout the burst.
    chaotic.chaos({ http500: 0.2, slow: 0.05, down: 0.01, garbage: 0.05 }, 12, { delayMs: 4_000 });
    dark.behave('slow', { delayMs: 4_000 });
    // Act
    const answers = await Promise.all(
      Array.from({ length: LOCATIONS }, async (_, l) => {
        const id = `F${l}`;
        const statuses = new Map(EVSES.map((uid) => [uid, 'AVAILABLE']));
        finalStatus.set(id, statuses);
        const out = [await cpo.pushLocation(locationOf(CPO, id, at(1)))];
        for (let p = 0; p < PATCHES_PER_LOCATION; p++) {
          const uid = EVSES[p % EVSES.length] as string;
          const status = p % 2 ? 'CHARGING' : 'BLOCKED';
          statuses.set(uid, status);
          out.push(await cpo.patchEvse(CPO, id, uid, { status, last_updated: at(2 + p) }));
        }
        return out;
      }),
    );
    const cdrAnswers = [];
    for (let i = 0; i < CDRS; i++)
      cdrAnswers.push(await cpo.postCdr(cdrOf(CPO, { country_code: 'NL', party_id: 'EMA' }, `CDRF${i}`)));
    dark.behave('normal');
    // Assess: the CPO was told success for everything the hub stored.
    for (const answer of [...answers.flat(), ...cdrAnswers]) {
      expect((answer.body as { status_code: number }).status_code).toBe(1000);
    }
    const converged = (p: SimulatedPlatform) =>
      [...finalStatus].every(([id, statuses]) => {
        const stored = p.stored('locations', 'NL', 'CPF', id) as {
          evses?: Array<{ uid: string; status: string }>;
        };
        return EVSES.every((uid) => stored?.evses?.find((e) => e.uid === uid)?.status === statuses.get(uid));
      });
    for (const receiver of [healthy, chaotic, dark])
      await receiver.waitFor(() => converged(receiver), CONVERGE_MS);
    await chaotic.waitFor(
      () => new Set(accepted(chaotic, 'cdrs').map((r) => (r.body as { id: string }).id)).size === CDRS,
      CONVERGE_MS,
    );
    chaotic.behave('normal');
    await waitIdle(hub, CONVERGE_MS);
    // 0 out of order: what each receiver accepted for a location never goes back in time.
    for (const receiver of [healthy, chaotic, dark]) {
      const byLocation = new Map<string, string[]>();
      for (const push of accepted(receiver, 'locations')) {
        byLocation.set(locationIdOf(push), [
          ...(byLocation.get(locationIdOf(push)) ?? []),
          lastUpdatedOf(push),
        ]);
      }
      for (const times of byLocation.values()) expect(times).toEqual([...times].sort());
    }
    // Every CDR exactly once at its eMSP, none elsewhere.
    const cdrIds = accepted(chaotic, 'cdrs').map((r) => (r.body as { id: string }).id);
    expect(cdrIds.sort()).toEqual(Array.from({ length: CDRS }, (_, i) => `CDRF${i}`).sort());
    expect(accepted(healthy, 'cdrs')).toEqual([]);
    expect(accepted(dark, 'cdrs')).toEqual([]);
  });

  it('refuses to replay a superseded delivery and replays the latest one without regressing the receiver', async () => {
    // Prepare
    const list = await hub.admin('GET', `/deliveries?partner=${partnerIds.get(healthy)}&limit=100`);
    const toHealthy = list.body.deliveries.filter((d: { path: string }) => d.path.startsWith('NL/CPF/F0'));
    const oldest = toHealthy.at(-1);
    const newest = toHealthy[0];
    // Act
    const refused = await hub.admin('POST', `/deliveries/${oldest.id}/replay`);
    const replayed = await hub.admin('POST', `/deliveries/${newest.id}/replay`);
    await waitIdle(hub);
    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('older state');
    expect(replayed.status).toBe(202);
    const stored = healthy.stored('locations', 'NL', 'CPF', 'F0') as {
      evses: Array<{ uid: string; status: string }>;
    };
    for (const uid of EVSES) {
      expect(stored.evses.find((e) => e.uid === uid)?.status).toBe(finalStatus.get('F0')?.get(uid));
    }
  });
});
