/**
 * Answers that carry a secret (token A, an admin token, credentials) must not be kept by a browser,
 * a proxy or a CLI's HTTP cache (RFC 9111 §5.2.2.5).
 */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;
