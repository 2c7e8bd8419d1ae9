import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  isConfigurationModule,
  isModuleId,
  pickMutualVersion,
} from '../../functions/ocpi/modules';

describe('module ids', () => {
  it('recognises module ids exactly', () => {
    // Prepare / Act / Assess
    expect(isModuleId('locations')).toBe(true);
    expect(isModuleId('versions')).toBe(false);
    expect(isModuleId('Locations')).toBe(false);
    expect(isModuleId('nltnm-tokens')).toBe(false);
  });

  it('marks versions, credentials and hubclientinfo as configuration modules', () => {
    // Prepare
    const ids = ['versions', 'credentials', 'hubclientinfo', 'locations', 'commands', 'tokens'];

    // Act
    const flags = ids.map(isConfigurationModule);

    // Assess
    expect(flags).toEqual([true, true, true, false, false, false]);
  });
});

describe('versions', () => {
  it('compares numerically per segment', () => {
    // Prepare
    const unsorted = ['2.2.1', '2.10', '2.1.1', '2.2', '2.9', '2.0'];

    // Act
    const sorted = [...unsorted].sort(compareVersions);

    // Assess
    expect(sorted).toEqual(['2.0', '2.1.1', '2.2', '2.2.1', '2.9', '2.10']);
  });

  it('picks the highest mutual version', () => {
    // Prepare
    const ours = ['2.1.1', '2.2.1'];
    const theirs = ['2.0', '2.1.1', '2.2', '2.2.1', '2.3.0'];

    // Act
    const picked = pickMutualVersion(ours, theirs);

    // Assess
    expect(picked).toBe('2.2.1');
  });

  it('falls back to an older mutual version', () => {
    // Prepare / Act
    const picked = pickMutualVersion(['2.1.1', '2.2.1'], ['2.1.1', '2.2']);

    // Assess
    expect(picked).toBe('2.1.1');
  });

  it('returns undefined when there is no mutual version', () => {
    // Prepare / Act
    const picked = pickMutualVersion(['2.2.1'], ['2.1.1', '2.3.0']);

    // Assess
    expect(picked).toBeUndefined();
  });

  it('tolerates stray whitespace in the partner list and does not reorder inputs', () => {
    // Prepare
    const ours = ['2.2.1', '2.1.1'];

    // Act
    const picked = pickMutualVersion(ours, [' 2.1.1 ', '2.2.1 ']);

    // Assess
    expect(picked).toBe('2.2.1');
    expect(ours).toEqual(['2.2.1', '2.1.1']);
  });
});
