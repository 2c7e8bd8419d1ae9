import { describe, expect, it } from 'vitest';
import { TariffSchema } from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';

type Json = Record<string, unknown>;

function complexTariff(): Json & { elements: (Json & { price_components: Json[]; restrictions?: Json })[] } {
  return loadExample('tariff_4_complex.json');
}

describe('TariffSchema', () => {
  it('rejects a tariff without elements', () => {
    // Prepare
    const tariff = { ...complexTariff(), elements: [] };

    // Act + Assess
    expect(issuePaths(TariffSchema, tariff)).toEqual(['elements']);
  });

  it('rejects an element without price components', () => {
    // Prepare
    const tariff = complexTariff();
    tariff.elements[1]!.price_components = [];

    // Act + Assess
    expect(issuePaths(TariffSchema, tariff)).toEqual(['elements[1].price_components']);
  });

  it('rejects a fractional step_size and an unknown dimension type', () => {
    // Prepare
    const tariff = complexTariff();
    Object.assign(tariff.elements[0]!.price_components[0]!, { step_size: 1.5, type: 'KWH' });

    // Act + Assess
    expect(issuePaths(TariffSchema, tariff)).toEqual([
      'elements[0].price_components[0].step_size',
      'elements[0].price_components[0].type',
    ]);
  });

  it('accepts a restriction window that wraps around midnight', () => {
    // Prepare
    const tariff = complexTariff();
    tariff.elements[4]!.restrictions = { start_time: '22:00', end_time: '06:00' };

    // Act + Assess
    expect(issuePaths(TariffSchema, tariff)).toEqual([]);
  });

  it.each([
    [{ start_time: '25:00' }, 'start_time'],
    [{ start_date: '2020-13-01' }, 'start_date'],
    [{ end_date: '01-02-2020' }, 'end_date'],
    [{ day_of_week: ['MON'] }, 'day_of_week[0]'],
    [{ min_duration: 1.5 }, 'min_duration'],
    [{ reservation: 'RESERVED' }, 'reservation'],
  ])('rejects the restriction %j', (restrictions, path) => {
    // Prepare
    const tariff = complexTariff();
    tariff.elements[0]!.restrictions = restrictions;

    // Act + Assess
    expect(issuePaths(TariffSchema, tariff)).toEqual([`elements[0].restrictions.${path}`]);
  });

  it.each([
    ['type', 'FLAT_RATE', 'type'],
    ['tariff_alt_url', 'not a url', 'tariff_alt_url'],
    ['currency', 'EURO', 'currency'],
    ['min_price', { incl_vat: 1 }, 'min_price.excl_vat'],
  ])('rejects %s = %j', (field, value, path) => {
    // Prepare
    const tariff = { ...complexTariff(), [field]: value };

    // Act + Assess
    expect(issuePaths(TariffSchema, tariff)).toEqual([path]);
  });
});
