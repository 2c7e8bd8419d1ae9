import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { ocpiObject } from './objects';
import { ciString, IdSchema, ocpiString } from './primitives';
import { TokenTypeSchema } from './token';

/**
 * PublishTokenType (locations §8.4.20): names a token (or group) that may see an unpublished Location.
 * The spec: at least one of uid, visual_number or group_id SHALL be set; uid needs type, and
 * visual_number needs issuer, because neither identifies a token on its own.
 */
export const PublishTokenTypeSchema = builtOnFirstUse(() =>
  ocpiObject(() => ({
    uid: z.optional(IdSchema),
    type: z.optional(TokenTypeSchema),
    visual_number: z.optional(ocpiString(64)),
    issuer: z.optional(ocpiString(64)),
    group_id: z.optional(ciString(36)),
  })).check(
    z.superRefine((token, ctx) => {
      if (token.uid === undefined && token.visual_number === undefined && token.group_id === undefined) {
        ctx.addIssue({ code: 'custom', message: 'needs uid + type, visual_number + issuer, or group_id' });
      }
      if (token.uid !== undefined && token.type === undefined) {
        ctx.addIssue({ code: 'custom', message: 'is required when uid is set', path: ['type'] });
      }
      if (token.visual_number !== undefined && token.issuer === undefined) {
        ctx.addIssue({ code: 'custom', message: 'is required when visual_number is set', path: ['issuer'] });
      }
    }),
  ),
);
export type PublishTokenType = z.infer<typeof PublishTokenTypeSchema>;
