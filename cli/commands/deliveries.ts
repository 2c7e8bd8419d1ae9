import { segment } from '../admin-client';
import type { Command } from '../command';
import { usageError } from '../exit-codes';

interface DeliveryView {
  id: string;
  status: string;
  partner_id: string;
  receiver: { country_code: string; party_id: string; role: string } | null;
  module: string;
  method: string;
  path: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export const deliveryCommands: Command[] = [
  {
    usage: 'deliveries list',
    summary: 'pushes to partners, newest first: --partner ID --status S --limit N --before CURSOR',
    options: ['partner', 'status', 'limit', 'before'],
    args: 0,
    async run({ opts, client, out }) {
      const query = new URLSearchParams();
      if (opts.partner) query.set('partner', opts.partner);
      if (opts.status) query.set('status', opts.status);
      if (opts.limit) query.set('limit', opts.limit);
      if (opts.before) query.set('before', opts.before);
      const search = query.size ? `?${query}` : '';
      const answer = await (await client()).call<{ deliveries: DeliveryView[]; next_before: string | null }>(
        'GET',
        `/deliveries${search}`,
      );
      out.result(answer, () => {
        // The id goes last and whole: `deliveries replay` needs it.
        out.table(
          [
            'STATUS',
            'PARTNER',
            'RECEIVER',
            'MODULE',
            'METHOD',
            'PATH',
            'ATTEMPTS',
            'LAST ERROR',
            'UPDATED',
            'ID',
          ],
          answer.deliveries.map((d) => [
            d.status,
            d.partner_id,
            d.receiver ? `${d.receiver.country_code}*${d.receiver.party_id}` : null,
            d.module,
            d.method,
            d.path,
            d.attempts,
            d.last_error,
            d.updated_at,
            d.id,
          ]),
        );
        if (answer.next_before) out.line(`more: --before ${answer.next_before}`);
      });
    },
  },
  {
    usage: 'deliveries replay <id>',
    summary: 'push a delivery again (it queues behind what its lane holds)',
    args: 1,
    async run({ args, client, out }) {
      const id = args[0] as string;
      if (!id.trim()) throw usageError('give the id of a delivery (deliveries list shows them)');
      const replay = await (await client()).call<DeliveryView>('POST', `/deliveries/${segment(id)}/replay`);
      out.result(replay, () =>
        out.fields([
          ['replay', replay.id],
          ['status', replay.status],
          ['partner', replay.partner_id],
          ['module', replay.module],
          ['path', replay.path],
        ]),
      );
    },
  },
];
