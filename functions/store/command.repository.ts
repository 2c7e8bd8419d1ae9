import { partyKey } from '../ocpi/party';
import { ConditionFailedError } from './store-errors';
import type { Item, TenantTable, TransactOp } from './tenant-table';

/**
 * SENDING: forwarded, CPO's CommandResponse not read yet; AWAITING: a result is expected before
 * `deadline_ms` (whatever the CommandResponse looked like, unless it clearly refused); ANSWERED /
 * TIMED_OUT: the eMSP is owed its one CommandResult (the CPO's, or the hub's TIMEOUT); CLOSED: no
 * result is expected (the CPO said REJECTED / NOT_SUPPORTED / UNKNOWN_SESSION, or the command never
 * reached it), though one that still comes is delivered.
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
  /** Why no result is expected (CLOSED), for the answer to a result that comes anyway. */
  closed_reason?: string;
  /** A result the CPO posted after the eMSP was sent the TIMEOUT: kept for support, not forwarded. */
  late_result?: string;
  late_at?: string;
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
  async settle(
    id: string,
    from: CommandState[],
    state: CommandState,
    opts: { result?: string; closedReason?: string; extra?: TransactOp[] } = {},
  ): Promise<boolean> {
    const set = {
      state,
      result: opts.result,
      closed_reason: opts.closedReason,
      gsi1pk: undefined,
      gsi1sk: undefined,
    };
    return this.transition(id, from, set, opts.extra);
  }

  /** Keeps a result that came after the TIMEOUT was owed to the eMSP (support sees both). */
  async recordLateResult(id: string, result: string, at: string): Promise<void> {
    await this.table.update(commandKey(id), { late_result: result, late_at: at });
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

  /**
   * The conditional state change, with `extra` (the outbox message of the result it decides) in the
   * same transaction: the eMSP is owed its result exactly when the state moved.
   */
  private async transition(id: string, from: CommandState[], set: Item, extra: TransactOp[] = []) {
    const values = Object.fromEntries(from.map((s, i) => [`:from${i}`, s]));
    const condition = {
      expression: `attribute_exists(pk) AND #state IN (${Object.keys(values).join(', ')})`,
      names: { '#state': 'state' },
      values,
    };
    try {
      if (extra.length) await this.table.transact([{ update: commandKey(id), set, condition }, ...extra]);
      else await this.table.update(commandKey(id), set, condition);
      return true;
    } catch (err) {
      if (err instanceof ConditionFailedError && (!extra.length || err.failedIndexes.includes(0)))
        return false;
      throw err;
    }
  }
}

function toRecord(item: CommandRecord & Item): CommandRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _g3, gsi2sk: _g4, ttl: _ttl, ...rest } = item;
  return rest as CommandRecord;
}
