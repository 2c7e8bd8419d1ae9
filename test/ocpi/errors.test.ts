import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ClientApiUnusableError,
  ClientError,
  ForbiddenError,
  ForwardTimeoutError,
  formatIssuePath,
  HubError,
  InvalidJsonError,
  InvalidParametersError,
  MethodNotAllowedError,
  NoMatchingEndpointsError,
  NotEnoughInformationError,
  NotFoundError,
  OcpiError,
  PayloadTooLargeError,
  ReceiverNotConnectedError,
  ServerError,
  UnauthorizedError,
  UnknownLocationError,
  UnknownReceiverError,
  UnknownTokenError,
  UnsupportedVersionError,
} from '../../functions/ocpi/errors';

describe('error classes', () => {
  it.each([
    [new InvalidParametersError('bad'), 2001, 200],
    [new NotEnoughInformationError(), 2002, 200],
    [new UnknownLocationError(), 2003, 200],
    [new UnknownTokenError(), 2004, 404],
    [new ClientError(), 2000, 200],
    [new ServerError(), 3000, 200],
    [new ClientApiUnusableError(), 3001, 200],
    [new UnsupportedVersionError(), 3002, 200],
    [new NoMatchingEndpointsError(), 3003, 200],
    [new HubError(), 4000, 200],
    [new UnknownReceiverError(), 4001, 200],
    [new ForwardTimeoutError(), 4002, 200],
    [new ReceiverNotConnectedError(), 4003, 200],
    [new UnauthorizedError(), 2000, 401],
    [new ForbiddenError(), 2000, 403],
    [new NotFoundError(), 2000, 404],
    [new MethodNotAllowedError(), 2000, 405],
    [new InvalidJsonError(), 2000, 400],
    [new PayloadTooLargeError(), 2000, 413],
  ])('%s carries status %i and HTTP %i', (err, statusCode, httpStatus) => {
    // Prepare / Act: the error is built by the table row

    // Assess
    expect(err).toBeInstanceOf(OcpiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.statusCode).toBe(statusCode);
    expect(err.httpStatus).toBe(httpStatus);
    expect(err.message.length).toBeGreaterThan(0);
  });

  it('names each instance after its class, so logs show the kind', () => {
    // Prepare / Act
    const err = new UnknownReceiverError('no such party NL*XYZ');

    // Assess
    expect(err.name).toBe('UnknownReceiverError');
    expect(err.message).toBe('no such party NL*XYZ');
  });

  it('keeps a custom message and codes on the base class', () => {
    // Prepare / Act
    const err = new OcpiError('custom', 2901, 200);

    // Assess
    expect([err.message, err.statusCode, err.httpStatus]).toEqual(['custom', 2901, 200]);
  });
});

describe('InvalidParametersError', () => {
  it('names the field in its message', () => {
    // Prepare / Act
    const err = new InvalidParametersError('required in a PATCH', 'last_updated');

    // Assess
    expect(err.field).toBe('last_updated');
    expect(err.message).toBe('invalid parameter: last_updated: required in a PATCH');
  });

  it('keeps the plain message when no field is given', () => {
    // Prepare / Act
    const err = new InvalidParametersError('object id in body differs from the URL');

    // Assess
    expect(err.field).toBeUndefined();
    expect(err.message).toBe('object id in body differs from the URL');
  });
});

describe('InvalidParametersError.fromZod', () => {
  const LocationLike = z.object({
    coordinates: z.object({ latitude: z.string().regex(/^-?\d{1,2}\.\d{5,7}$/) }),
    evses: z.array(z.object({ connectors: z.array(z.object({ max_voltage: z.number().int() })) })).optional(),
  });

  it('names the nested field path', () => {
    // Prepare
    const result = LocationLike.safeParse({ coordinates: { latitude: 'north' } });

    // Act
    const err = InvalidParametersError.fromZod(result.error!);

    // Assess
    expect(err.statusCode).toBe(2001);
    expect(err.field).toBe('coordinates.latitude');
    expect(err.message).toMatch(/^invalid parameter: coordinates\.latitude: /);
  });

  it('includes array indexes in the path', () => {
    // Prepare
    const body = {
      coordinates: { latitude: '52.12345' },
      evses: [{ connectors: [{ max_voltage: 230 }, { max_voltage: 'high' }] }],
    };
    const result = LocationLike.safeParse(body);

    // Act
    const err = InvalidParametersError.fromZod(result.error!);

    // Assess
    expect(err.field).toBe('evses[0].connectors[1].max_voltage');
    expect(err.message).toContain('evses[0].connectors[1].max_voltage: ');
  });

  it('prefixes the path with the given root', () => {
    // Prepare
    const result = z.object({ limit: z.number() }).safeParse({ limit: 'x' });

    // Act
    const err = InvalidParametersError.fromZod(result.error!, 'query');

    // Assess
    expect(err.field).toBe('query.limit');
  });

  it('lists a few issues and counts the rest', () => {
    // Prepare
    const schema = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() });
    const result = schema.safeParse({});

    // Act
    const err = InvalidParametersError.fromZod(result.error!);

    // Assess
    expect(err.field).toBe('a');
    expect(err.message).toMatch(/^invalid parameter: a: .*; b: .*; c: .* \(\+2 more\)$/);
    expect(err.message).not.toContain('d:');
  });

  it('handles an issue at the root without inventing a field', () => {
    // Prepare
    const result = z.object({ a: z.string() }).safeParse([1, 2]);

    // Act
    const err = InvalidParametersError.fromZod(result.error!);

    // Assess
    expect(err.field).toBeUndefined();
    expect(err.message).toMatch(/^invalid parameter: /);
  });
});

describe('formatIssuePath', () => {
  it('renders a leading array index without a dot', () => {
    // Prepare / Act
    const path = formatIssuePath([0, 'tariff_ids', 2]);

    // Assess
    expect(path).toBe('[0].tariff_ids[2]');
  });
});
