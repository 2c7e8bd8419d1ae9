import type * as z from 'zod/mini';
import { ocpiObject } from './objects';
import { ocpiString } from './primitives';

/** DisplayText (types §16.3): a text with its ISO-639-1 language. */
export const DisplayTextSchema = ocpiObject(() => ({
  language: ocpiString(2),
  text: ocpiString(512),
}));
export type DisplayText = z.infer<typeof DisplayTextSchema>;
