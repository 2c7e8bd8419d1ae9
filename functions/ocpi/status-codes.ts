/**
 * OCPI 2.2.1 status codes (transport_and_format §5 / ocpi-notes §1.4). These go in the envelope's
 * `status_code`; the HTTP status is a separate layer (see errors.ts). There is no 4004 in 2.2.1.
 */
export const OcpiStatus = {
  SUCCESS: 1000,
  CLIENT_ERROR: 2000,
  INVALID_PARAMETERS: 2001,
  NOT_ENOUGH_INFORMATION: 2002,
  UNKNOWN_LOCATION: 2003,
  UNKNOWN_TOKEN: 2004,
  SERVER_ERROR: 3000,
  CLIENT_API_UNUSABLE: 3001,
  UNSUPPORTED_VERSION: 3002,
  NO_MATCHING_ENDPOINTS: 3003,
  HUB_ERROR: 4000,
  UNKNOWN_RECEIVER: 4001,
  FORWARD_TIMEOUT: 4002,
  RECEIVER_NOT_CONNECTED: 4003,
} as const;

export type OcpiStatusCode = (typeof OcpiStatus)[keyof typeof OcpiStatus];

/** 1xxx (1000 plus custom 19xx) means success; anything else is an error class (2xxx, 3xxx, 4xxx). */
export function isSuccessStatus(statusCode: number): boolean {
  return statusCode >= 1000 && statusCode < 2000;
}
