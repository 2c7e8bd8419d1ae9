import { eventually } from './eventually';

type Admin = (method: string, path: string) => Promise<{ status: number; body: any }>;

/**
 * Waits until no delivery is pending (e.g. the ClientInfo pushes that follow registrations), seen
 * twice in a row, so a test that makes a partner misbehave for its next request is not beaten to it.
 */
export async function waitForNoPendingDeliveries(admin: Admin, timeoutMs = 15_000): Promise<void> {
  let quietPolls = 0;
  await eventually(
    async () => {
      const pending = await admin('GET', '/deliveries?status=pending');
      quietPolls = pending.body.deliveries.length === 0 ? quietPolls + 1 : 0;
      return quietPolls >= 2;
    },
    { timeoutMs, intervalMs: 150, what: 'no pending delivery' },
  );
}
