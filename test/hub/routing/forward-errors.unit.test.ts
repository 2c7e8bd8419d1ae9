import { describe, expect, it } from 'vitest';
import { forwardErrorOf } from '../../../functions/hub/routing/forward-errors';
import { relayedHeaders } from '../../../functions/hub/routing/relayed-headers';
import {
  OutboundNetworkError,
  OutboundResponseTooLargeError,
  OutboundTimeoutError,
  OutboundUrlRefusedError,
} from '../../../functions/outbound/errors';

const URL = 'https://cpo.example.com/ocpi/2.2.1/sender/locations';

describe('forwardErrorOf', () => {
  it('maps each outbound failure to the hub status code chosen for it', () => {
    // Act
    const codes = [
      new OutboundTimeoutError(URL, 1000),
      new OutboundNetworkError(URL, 'ECONNREFUSED'),
      new OutboundUrlRefusedError('private address', URL),
      new OutboundResponseTooLargeError(URL, 1024),
    ].map((err) => forwardErrorOf(err, 'receiver NL/CP1').statusCode);
    // Assess
    expect(codes).toEqual([4002, 4003, 4000, 4000]);
  });

  it('names the receiver and the cause, not the partner URL', () => {
    // Act
    const err = forwardErrorOf(new OutboundNetworkError(URL, 'ECONNREFUSED'), 'receiver NL/CP1');
    // Assess
    expect(err.message).toBe('receiver NL/CP1 could not be reached (ECONNREFUSED)');
    expect(err.httpStatus).toBe(200);
  });
});

describe('relayedHeaders', () => {
  const request = {
    from: { country_code: 'NL', party_id: 'EM1' },
    to: { country_code: 'NL', party_id: 'CP1' },
  };

  it('relays the pagination and routing headers of the receiver and drops the rest', () => {
    // Act
    const headers = relayedHeaders(
      {
        'x-total-count': '5',
        'x-limit': '2',
        link: '<https://cpo.example.com/next>; rel="next"',
        location: 'https://cpo.example.com/cdrs/1',
        'set-cookie': 'session=1',
        'ocpi-from-party-id': 'cp1',
        'content-type': 'application/json; charset=utf-8',
      },
      request,
    );
    // Assess
    expect(headers).toEqual({
      'OCPI-to-country-code': 'NL',
      'OCPI-to-party-id': 'EM1',
      'OCPI-from-country-code': 'NL',
      'OCPI-from-party-id': 'cp1',
      'X-Total-Count': '5',
      'X-Limit': '2',
      Location: 'https://cpo.example.com/cdrs/1',
      'Content-Type': 'application/json; charset=utf-8',
    });
  });

  it('fills in the response routing headers when the receiver leaves them out', () => {
    // Act
    const headers = relayedHeaders({}, request);
    // Assess
    expect(headers).toMatchObject({ 'OCPI-to-party-id': 'EM1', 'OCPI-from-party-id': 'CP1' });
  });
});
