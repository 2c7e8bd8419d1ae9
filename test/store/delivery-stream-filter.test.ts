import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { toOutboxItem } from '../../functions/store/outbox.repository';
import { DELIVERY_STREAM_FILTER_PATTERNS } from '../../functions/store/stream-changes';
import { locationMessage } from '../hub/delivery/delivery-test-hub';
import { matchesEventPattern } from '../support/event-filter';

type Json = Record<string, unknown>;

const invokes = (record: Json) => DELIVERY_STREAM_FILTER_PATTERNS.some((p) => matchesEventPattern(p, record));

function record(eventName: string, item: Json, oldItem?: Json): Json {
  const { pk, sk } = item;
  return {
    eventName,
    dynamodb: {
      Keys: marshall({ pk, sk }),
      NewImage: marshall(item, { removeUndefinedValues: true }),
      ...(oldItem ? { OldImage: marshall(oldItem, { removeUndefinedValues: true }) } : {}),
    },
  };
}

describe('the delivery function stream filter', () => {
  const message: Json = { ...toOutboxItem(locationMessage('LOC1', { body: { name: 'x' } })) };

  it('passes new outbox messages, replays and party changes', () => {
    expect(invokes(record('INSERT', message))).toBe(true);
    const replay = { pk: message.pk, sk: 'LANE#NL*EM1*EMSP#1#x', replay_of: 'abc', status: 'pending' };
    expect(invokes(record('INSERT', replay))).toBe(true);
    const party = { pk: 'PARTY#NL*EM1*EMSP', sk: 'PARTY', status: 'OFFLINE' };
    expect(invokes(record('MODIFY', party, { ...party, status: 'CONNECTED' }))).toBe(true);
  });

  it("drops the pipeline's own bookkeeping and unrelated writes", () => {
    expect(invokes(record('MODIFY', { ...message, fanned_out_at: 'now' }, message))).toBe(false);
    expect(invokes(record('MODIFY', { pk: message.pk, sk: 'FANOUT', cursor: message.sk }))).toBe(false);
    expect(invokes(record('INSERT', { pk: message.pk, sk: 'LANE#NL*EM1*EMSP#1#x', status: 'pending' }))).toBe(
      false,
    );
    expect(invokes(record('MODIFY', { pk: message.pk, sk: 'LEASE#NL*EM1*EMSP', lease_owner: 'w' }))).toBe(
      false,
    );
    expect(invokes(record('INSERT', { pk: 'OBJ#locations', sk: 'OBJ', object: {} }))).toBe(false);
  });
});
