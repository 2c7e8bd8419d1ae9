import { type Tariff, type TariffElement, TariffSchema } from '../../schemas/tariff';
import {
  type Tariff211,
  type Tariff211Patch,
  Tariff211Schema,
  type TariffElement211,
} from '../schemas/tariff';
import { checked } from './checked';
import { utcDateTimes } from './datetimes';
import { energyMixTo211, energyMixTo221 } from './energy-mix';
import { compact, type Party } from './party';
import { fieldPath, type LossLog, noteLoss, UntranslatableError } from './untranslatable';

/**
 * One element toward 2.1.1, or undefined when it only prices reservations: 2.1.1 has no reservation
 * restriction, and without it the element would price every charge. A current window cannot be
 * rewritten as anything 2.1.1 knows either (power needs the voltage), and dropping it would change which
 * element applies, so such a tariff is refused.
 */
function elementTo211(element: TariffElement, path: string, log?: LossLog): TariffElement211 | undefined {
  const { price_components, restrictions, ...rest } = element;
  if (restrictions?.reservation !== undefined) {
    noteLoss(
      log,
      path,
      `left out: it prices ${restrictions.reservation}, which 2.1.1 tariffs cannot express`,
    );
    return undefined;
  }
  const { min_current, max_current, reservation: _reservation, ...kept } = restrictions ?? {};
  for (const [name, value] of Object.entries({ min_current, max_current })) {
    if (value !== undefined) {
      throw new UntranslatableError(
        '2.1.1',
        `${path}.restrictions.${name}`,
        '2.1.1 restrictions have no current limits',
      );
    }
  }
  const components = price_components.map(({ vat, ...component }, index) => {
    if (vat !== undefined)
      noteLoss(log, `${path}.price_components[${index}].vat`, 'dropped: 2.1.1 has no vat');
    return component;
  });
  return compact({
    ...rest,
    price_components: components,
    restrictions: restrictions && kept,
  }) as TariffElement211;
}

/**
 * A Tariff toward 2.1.1. Only regular tariffs exist there: an AD_HOC_PAYMENT or PROFILE_* tariff is not
 * what a 2.1.1 eMSP's drivers pay, so it is refused. min_price, max_price, the validity window and VAT
 * rates have no 2.1.1 field and are dropped (each noted).
 */
export function tariffTo211(tariff: Tariff, log?: LossLog): Tariff211 {
  const {
    country_code: _countryCode,
    party_id: _partyId,
    type,
    min_price,
    max_price,
    start_date_time,
    end_date_time,
    elements,
    energy_mix,
    ...rest
  } = tariff;
  if (type !== undefined && type !== 'REGULAR') {
    throw new UntranslatableError('2.1.1', 'type', `2.1.1 knows only regular tariffs, not ${type}`);
  }
  for (const [name, value] of Object.entries({ min_price, max_price, start_date_time, end_date_time })) {
    if (value !== undefined) noteLoss(log, name, 'dropped: 2.1.1 tariffs have no such field');
  }
  const kept = elements.flatMap(
    (element, index) => elementTo211(element, fieldPath('elements', index), log) ?? [],
  );
  if (kept.length === 0) {
    throw new UntranslatableError('2.1.1', 'elements', 'every element prices reservations only');
  }
  const translated = { ...rest, elements: kept, energy_mix: energy_mix && energyMixTo211(energy_mix) };
  return checked(Tariff211Schema, compact(translated), '2.1.1');
}

/** A 2.1.1 Tariff as the hub stores it, owned by the partner's party. Every 2.1.1 field exists in 2.2.1. */
export function tariffTo221(tariff: Tariff211, owner: Party): Tariff {
  const { energy_mix, ...rest } = tariff;
  const translated = compact({
    ...rest,
    country_code: owner.country_code,
    party_id: owner.party_id,
    energy_mix: energy_mix && energyMixTo221(energy_mix),
  });
  return checked(TariffSchema, utcDateTimes(translated), '2.2.1');
}

/**
 * A 2.1.1 Tariff PATCH (2.1.1 tariffs allow PATCH; 2.2 removed it) applied to the stored tariff: the
 * result is the whole tariff, which the hub stores and sends to 2.2.1 eMSPs as a PUT. Fields of the
 * stored tariff that 2.1.1 does not know (type, min/max price, validity window) are kept. A PATCH without
 * `last_updated` gets the time the hub received it.
 */
export function applyTariffPatch211(stored: Tariff, patch: Tariff211Patch, receivedAt: string): Tariff {
  const { energy_mix, ...rest } = patch;
  const merged = compact({
    ...stored,
    ...rest,
    country_code: stored.country_code,
    party_id: stored.party_id,
    id: stored.id,
    energy_mix: energy_mix ? energyMixTo221(energy_mix) : stored.energy_mix,
    last_updated: patch.last_updated ?? receivedAt,
  });
  return checked(TariffSchema, utcDateTimes(merged), '2.2.1');
}
