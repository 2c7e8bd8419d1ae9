import { randomBytes } from 'node:crypto';

/** Which kind of token an inbound request presented (ocpi-notes §1.1, §2.4). */
export type TokenKind = 'A' | 'full';

interface TokenEntry {
  kind: TokenKind;
  /** Epoch ms after which a retired token stops working; undefined = until replaced. */
  until?: number;
}

/** 32 random bytes, base64url (design: cross-cutting rules). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The tokens this platform accepts inbound: at most one token A (only good for versions/credentials,
 * ocpi-notes §5) plus the current full token and, for a grace period, the one it replaced.
 */
export class InboundTokens {
  private readonly entries = new Map<string, TokenEntry>();
  current: string | undefined;

  constructor(private readonly graceMs: number) {}

  issueTokenA(): string {
    this.revokeKind('A');
    const token = generateToken();
    this.entries.set(token, { kind: 'A' });
    return token;
  }

  /** Accepts a new full token alongside the current one (used before a handshake completes). */
  acceptPending(token: string): void {
    this.entries.set(token, { kind: 'full' });
  }

  /** Makes `token` the current one; the previous current token survives for the grace period. */
  promote(token: string): void {
    this.entries.set(token, { kind: 'full' });
    const previous = this.current;
    this.current = token;
    if (previous && previous !== token) this.retire(previous);
  }

  retire(token: string): void {
    if (this.graceMs <= 0) this.entries.delete(token);
    else this.entries.set(token, { kind: 'full', until: Date.now() + this.graceMs });
  }

  revokeKind(kind: TokenKind): void {
    for (const [token, entry] of this.entries) if (entry.kind === kind) this.entries.delete(token);
  }

  revokeAll(): void {
    this.entries.clear();
    this.current = undefined;
  }

  kindOf(token: string): TokenKind | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until !== undefined && Date.now() > entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.kind;
  }

  /** Finds the token in an `Authorization` header: raw first, then base64-decoded (ocpi-notes §1.1). */
  resolveHeader(header: string | undefined): { token: string; kind: TokenKind } | undefined {
    const match = /^Token (.+)$/.exec(header ?? '');
    const value = match?.[1]?.trim();
    if (!value) return undefined;
    const rawKind = this.kindOf(value);
    if (rawKind) return { token: value, kind: rawKind };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const decodedKind = this.kindOf(decoded);
    return decodedKind ? { token: decoded, kind: decodedKind } : undefined;
  }
}
