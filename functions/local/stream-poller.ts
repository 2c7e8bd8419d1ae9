import type { DynamoDBRecord } from 'aws-lambda';
import type { DynamoClientOptions } from '../store/dynamo-client';
import {
  type ShardPosition,
  StreamGoneError,
  StreamIteratorExpiredError,
  type StreamShard,
  type StreamSource,
  StreamTrimmedError,
  tableStreamSource,
} from '../store/stream-reader';

/** Where the poller keeps, per shard, the sequence number of the last record handled. */
export interface StreamCheckpoint {
  load(shardId: string): Promise<string | undefined>;
  save(shardId: string, sequenceNumber: string): Promise<void>;
}

export interface StreamPollerOptions {
  client: DynamoClientOptions;
  tableName: string;
  /** Gets records in the Lambda `DynamoDBStreamEvent.Records` shape; throwing makes the batch come again. */
  handler: (records: DynamoDBRecord[]) => Promise<void>;
  checkpoint: StreamCheckpoint;
  intervalMs?: number;
  batchSize?: number;
  retryDelayMs?: { initial: number; max: number };
  onError?: (err: unknown, during: string) => void;
  /** Replaces the table's stream (tests simulate shard rotation with it). */
  source?: StreamSource;
}

export interface StreamPoller {
  /** Resolves once every open shard has a read position: changes made after it are delivered. */
  ready: Promise<void>;
  /** Finishes the batch in hand (handler and checkpoint), then stops. */
  stop(): Promise<void>;
}

interface ShardState {
  shard: StreamShard;
  position?: ShardPosition;
  iterator?: string;
  done: boolean;
}

const SHARD_REFRESH_MS = 1_000;

/**
 * Local stand-in for Lambda's event source mapping on a table stream: shard by shard, parents before
 * children, a batch is retried until the handler accepts it and only then checkpointed (at-least-once,
 * in order per shard, never skipped). With no checkpoint at all it starts at LATEST, like a new mapping.
 */
export function startStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const source = opts.source ?? tableStreamSource(opts.client, opts.tableName);
  // Reading an idle local stream costs nothing but a loopback call; 50 ms keeps delivery prompt.
  const intervalMs = opts.intervalMs ?? 50;
  const batchSize = opts.batchSize ?? 1_000;
  const retry = opts.retryDelayMs ?? { initial: 100, max: 5_000 };
  const onError =
    opts.onError ??
    ((err: unknown, during: string) =>
      console.warn(
        `stream poller ${opts.tableName}: ${during}: ${err instanceof Error ? err.message : err}`,
      ));
  const shards = new Map<string, ShardState>();
  const stopping = new AbortController();
  let firstListing = true;
  let nextRefreshAt = 0;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  /** Resolves after `ms`, or at once when stopping. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done);
    });

  /** Runs `step` until it succeeds, backing off; false when a stop came before it succeeded. */
  async function untilDone(step: () => Promise<void>, during: string): Promise<boolean> {
    for (let delay = retry.initial; ; delay = Math.min(delay * 2, retry.max)) {
      try {
        await step();
        return true;
      } catch (err) {
        onError(err, during);
        if (stopping.signal.aborted) return false;
        await pause(delay);
      }
    }
  }

  async function refreshShards(): Promise<void> {
    const listed = await source.listShards();
    const checkpoints = new Map<string, string | undefined>();
    for (const { shardId } of listed) {
      if (!shards.has(shardId)) checkpoints.set(shardId, await opts.checkpoint.load(shardId));
    }
    for (const shard of listed) {
      const known = shards.get(shard.shardId);
      if (known) {
        known.shard = shard;
        continue;
      }
      const state: ShardState = { shard, done: false };
      const saved = checkpoints.get(shard.shardId);
      if (saved) state.position = { after: saved };
      else if (!firstListing || parentHasCheckpoint(shard, checkpoints)) state.position = 'TRIM_HORIZON';
      // A shard seen at the very first start with no history of ours: begin with what comes next.
      else if (shard.endingSequenceNumber) state.done = true;
      else state.position = 'LATEST';
      shards.set(shard.shardId, state);
    }
    // Trimmed shards leave the listing; forget them once read so the map does not grow for ever.
    const listedIds = new Set(listed.map((s) => s.shardId));
    for (const [id, state] of shards) if (state.done && !listedIds.has(id)) shards.delete(id);
    firstListing = false;
    nextRefreshAt = Date.now() + SHARD_REFRESH_MS;
  }

  /** A child of a shard we read before a restart holds records we have not seen: read it whole. */
  function parentHasCheckpoint(shard: StreamShard, checkpoints: Map<string, string | undefined>): boolean {
    return shard.parentShardId !== undefined && checkpoints.get(shard.parentShardId) !== undefined;
  }

  /** Records of a child shard follow those of its parent (the parent was split or closed). */
  function readable(state: ShardState): boolean {
    const parentId = state.shard.parentShardId;
    const parent = parentId ? shards.get(parentId) : undefined;
    return !state.done && (parent === undefined || parent.done);
  }

  /** LATEST means "from when the iterator is taken", so take them all before declaring ready. */
  async function positionIterators(): Promise<void> {
    for (const state of [...shards.values()]) {
      if (!readable(state)) continue;
      try {
        await ensureIterator(state);
      } catch (err) {
        handleReadError(state, err);
      }
    }
  }

  async function ensureIterator(state: ShardState): Promise<string | undefined> {
    if (!state.iterator && state.position) {
      state.iterator = await source.iterator(state.shard.shardId, state.position);
    }
    if (!state.iterator) finish(state);
    return state.iterator;
  }

  function finish(state: ShardState): void {
    state.done = true;
    nextRefreshAt = 0; // its children may have appeared
  }

  /** Reads and delivers one batch of a shard; true when more records are probably waiting. */
  async function pollShard(state: ShardState): Promise<boolean> {
    const iterator = await ensureIterator(state);
    if (!iterator) return true;
    const batch = await source.read(iterator, batchSize);
    const last = batch.records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) {
      const shardId = state.shard.shardId;
      const handled = await untilDone(() => opts.handler(batch.records), `handler (shard ${shardId})`);
      if (!handled || !(await untilDone(() => opts.checkpoint.save(shardId, last), 'checkpoint save'))) {
        return false;
      }
      state.position = { after: last };
    }
    state.iterator = batch.nextIterator;
    if (!batch.nextIterator) finish(state);
    return batch.records.length >= batchSize || state.done;
  }

  async function pollAll(): Promise<boolean> {
    let moreWaiting = false;
    for (const state of [...shards.values()]) {
      // A vanished stream resets the map; states of the old stream are left behind.
      if (stopping.signal.aborted || shards.get(state.shard.shardId) !== state || !readable(state)) continue;
      try {
        moreWaiting = (await pollShard(state)) || moreWaiting;
      } catch (err) {
        handleReadError(state, err);
      }
    }
    return moreWaiting;
  }

  function handleReadError(state: ShardState, err: unknown): void {
    state.iterator = undefined;
    if (err instanceof StreamIteratorExpiredError) return; // the next round starts from state.position
    if (err instanceof StreamTrimmedError) state.position = 'TRIM_HORIZON';
    if (err instanceof StreamGoneError) {
      shards.clear();
      nextRefreshAt = 0;
    }
    onError(err, `reading shard ${state.shard.shardId}`);
  }

  async function run(): Promise<void> {
    const started = await untilDone(async () => {
      await refreshShards();
      await positionIterators();
    }, 'starting');
    markReady();
    if (!started) return;
    let errorDelay = retry.initial;
    while (!stopping.signal.aborted) {
      try {
        if (Date.now() >= nextRefreshAt) await refreshShards();
        const moreWaiting = await pollAll();
        errorDelay = retry.initial;
        if (!moreWaiting) await pause(intervalMs);
      } catch (err) {
        // e.g. the table is gone or DynamoDB is unreachable: say so, but not four times a second.
        onError(err, 'listing shards');
        await pause(errorDelay);
        errorDelay = Math.min(errorDelay * 2, retry.max);
      }
    }
  }

  const running = run().finally(() => source.close());
  return {
    ready,
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
