import { UntranslatableError } from '../../../functions/ocpi/v211/translate';

/** The UntranslatableError a translation throws (awaited when it is async); fails when there is none. */
export async function refusalOf(translate: () => unknown): Promise<UntranslatableError> {
  try {
    await translate();
  } catch (error) {
    if (error instanceof UntranslatableError) return error;
    throw error;
  }
  throw new Error('expected an UntranslatableError');
}
