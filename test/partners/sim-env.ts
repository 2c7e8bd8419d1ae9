import type { HttpBindings } from '@hono/node-server';
import type { TokenKind } from './inbound-tokens';
import type { FailureMode } from './types';

/** Hono environment of the simulated platform's app. */
export interface SimEnv {
  Bindings: HttpBindings;
  Variables: {
    failure: FailureMode | undefined;
    /** Parsed JSON body (undefined when the request had none). */
    body: unknown;
    bodyInvalid: boolean;
    token: string;
    tokenKind: TokenKind;
  };
}
