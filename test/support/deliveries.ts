type Admin = (method: string, path: string) => Promise<{ status: number; body: any }>;

/**
 * Waits until no delivery is pending (e.g. the ClientInfo pushes that follow registrations), seen
 * twice in a row, so a test that makes a partner misbehave for its next request is not beaten to it.
 */
export async function waitForNoPendingDeliveries(admin: Admin, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let quietPolls = 0; quietPolls < 2; ) {
    if (Date.now() > deadline) throw new Error('deliveries still pending');
    const pending = await admin('GET', '/deliveries?status=pending');
    quietPolls = pending.body.deliveries.length === 0 ? quietPolls + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
