import { InvalidParametersError } from '../../errors';

export type TargetVersion = '2.1.1' | '2.2.1';

/**
 * An object that cannot be expressed in the other version without corrupting it (e.g. a credit CDR
 * toward 2.1.1, a 37-character Location.id toward 2.2.1). It is an OCPI 2001 naming the field, so a
 * partner's push that the hub cannot store answers "invalid parameter: <field>: ..."; a push the hub
 * cannot deliver to a 2.1.1 partner is recorded with this message instead of being sent corrupted.
 * docs/ocpi-2.1.1-translation.md lists every case.
 */
export class UntranslatableError extends InvalidParametersError {
  readonly targetVersion: TargetVersion;
  readonly fieldPath: string;

  constructor(targetVersion: TargetVersion, fieldPath: string, reason: string) {
    super(
      `cannot be expressed in OCPI ${targetVersion}: ${reason}`,
      fieldPath === '' ? undefined : fieldPath,
    );
    this.targetVersion = targetVersion;
    this.fieldPath = fieldPath;
  }
}

/** A documented lossy mapping that happened: which source field, and what became of it. */
export interface TranslationLoss {
  readonly field: string;
  readonly note: string;
}

/**
 * Collects the lossy mappings of one translation, so the caller can log or show them. Translations take
 * it as an optional last argument; without one the losses still happen, as documented, unrecorded.
 */
export type LossLog = TranslationLoss[];

export function noteLoss(log: LossLog | undefined, field: string, note: string): void {
  log?.push({ field, note });
}

/** Joins a parent path and a child key the way field paths are written (`evses[0].connectors`). */
export function fieldPath(parent: string, child: string | number): string {
  if (typeof child === 'number') return `${parent}[${child}]`;
  return parent === '' ? child : `${parent}.${child}`;
}
