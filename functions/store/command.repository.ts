import { partyKey } from '../ocpi/party';
import { ConditionFailedError } from './store-errors';
import type { Item, TenantTable } from './tenant-table';

/**
 * SENDING: forwarded, CPO's CommandResponse not read yet; AWAITING: accepted, result expected before
 * `deadline_ms`; ANSWERED / TIMED_OUT: the eMSP got its one CommandResult; CLOSED: no result will come
 * (the CPO did not accept, or the forward failed).
 */
export type CommandState = 'SENDING' | 'AWAITING' | 'ANSWERED' | 'TIMED_OUT' | 'CLOSED';

export interface RoutedParty {
  country_code: string;
  party_id: string;
  partner_id: string;
}

/** One forwarded command and the mapping of its hub `response_url` to the eMSP's (ocpi-notes §3.6). */
export interface CommandRecord {
  id: string;
  command: string;
  state: CommandState;
  emsp: RoutedParty;
  cpo: RoutedParty;
  /** The eMSP's original response_url: where the CommandResult finally goes. */
  response_url: string;
  correlation_id: string;
  created_at: string;
  deadline_ms?: number;
  result?: string;
  /** RESERVE_NOW only: lets a later CANCEL_RESERVATION find the CPO without OCPI-to headers. */
  reservation_id?: string;
}

const reservationPartition = (emsp: { country_code: string; party_id: string }, reservationId: string) =>
  `RESERVATION#${partyKey(emsp)}#${reservationId.toUpperCase()}`;
const commandKey = (id: string) => ({ pk: `CMD#${id}`, sk: 'CMD' });
/** Due commands are one gsi1 partition ordered by deadline, so the timeout job reads only what is due. */
const DUE_PARTITION = 'CMDDUE';
const dueSortKey = (deadlineMs: number, id: string) => `${new Date(deadlineMs).toISOString()}#${id}`;

export class CommandRepository {
  constructor(private readonly table: TenantTable) {}

  async create(record: CommandRecord, ttlSeconds: number): Promise<void> {
    const reservation = record.reservation_id
      ? { gsi2pk: reservationPartition(record.emsp, record.reservation_id), gsi2sk: record.created_at }
      : {};
    await this.table.put(
      { ...commandKey(record.id), ...record, ...reservation, ttl: ttlSeconds },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  /** The latest RESERVE_NOW of this eMSP party with this reservation id. */
  async findReservation(
    emsp: { country_code: string; party_id: string },
    reservationId: string,
  ): Promise<CommandRecord | undefined> {
    const page = await this.table.query<CommandRecord & Item>({
      index: 'gsi2',
      partition: reservationPartition(emsp, reservationId),
      descending: true,
      limit: 1,
    });
    const first = page.items[0];
    return first ? toRecord(first) : undefined;
  }

  async get(id: string): Promise<CommandRecord | undefined> {
    const item = await this.table.get<CommandRecord & Item>(commandKey(id));
    return item ? toRecord(item) : undefined;
  }

  /** SENDING -> AWAITING with a deadline; false when a result already arrived meanwhile. */
  async awaitResult(id: string, deadlineMs: number): Promise<boolean> {
    return this.transition(id, ['SENDING'], {
      state: 'AWAITING',
      deadline_ms: deadlineMs,
      gsi1pk: DUE_PARTITION,
      gsi1sk: dueSortKey(deadlineMs, id),
    });
  }

  /**
   * Moves the command to a final state if it is still in one of `from`. The conditional write is what
   * makes the eMSP get exactly one CommandResult: whoever wins it (the CPO's result or the timeout job)
   * sends, the loser does not.
   */
  async settle(id: string, from: CommandState[], state: CommandState, result?: string): Promise<boolean> {
    return this.transition(id, from, { state, result, gsi1pk: undefined, gsi1sk: undefined });
  }

  /** Commands whose deadline passed, oldest first. */
  async listDue(nowMs: number, limit: number): Promise<CommandRecord[]> {
    const page = await this.table.query<CommandRecord & Item>({
      index: 'gsi1',
      partition: DUE_PARTITION,
      sort: { lt: dueSortKey(nowMs, '') },
      limit,
    });
    return page.items.map(toRecord);
  }

  private async transition(id: string, from: CommandState[], set: Item): Promise<boolean> {
    const values = Object.fromEntries(from.map((s, i) => [`:from${i}`, s]));
    try {
      await this.table.update(commandKey(id), set, {
        expression: `attribute_exists(pk) AND #state IN (${Object.keys(values).join(', ')})`,
        names: { '#state': 'state' },
        values,
      });
      return true;
    } catch (err) {
      if (err instanceof ConditionFailedError) return false;
      throw err;
    }
  }
}

function toRecord(item: CommandRecord & Item): CommandRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _g3, gsi2sk: _g4, ttl: _ttl, ...rest } = item;
  return rest as CommandRecord;
}
