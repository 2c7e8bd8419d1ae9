import { describe, expect, it } from 'vitest';
import type { Tariff } from '../../../functions/ocpi/schemas/tariff';
import type { Token } from '../../../functions/ocpi/schemas/token';
import {
  AuthorizationInfo211Schema,
  Tariff211Schema,
  Token211Schema,
} from '../../../functions/ocpi/v211/schemas';
import {
  applyTariffPatch211,
  authorizationInfoTo211,
  authorizationInfoTo221,
  type LossLog,
  locationReferencesTo221,
  tariffTo211,
  tariffTo221,
  tokenPatchTo211,
  tokenPatchTo221,
  tokenTo211,
  tokenTo221,
  tokenTypesFor211,
} from '../../../functions/ocpi/v211/translate';
import { issuePaths } from '../schemas/issue-paths';
import { exampleFileNames } from '../schemas/load-example';
import { CPO, EMSP, example, RECEIVED_AT } from './fixtures-211';
import { refusalOf } from './refusal';

const tariffs211 = exampleFileNames('2.1.1').filter(
  (name) =>
    name.startsWith('mod_tariffs_') &&
    !['mod_tariffs_example_01.json', 'mod_tariffs_example_02.json'].includes(name),
);

describe('Tariff 2.1.1 <-> 2.2.1', () => {
  it.each(tariffs211)('stores %s as a 2.2.1 tariff of the partner and gives it back unchanged', (name) => {
    // Prepare
    const original = example(name);

    // Act
    const stored = tariffTo221(original as never, CPO);
    const back = tariffTo211(stored);

    // Assess
    expect(stored).toMatchObject({ country_code: 'BE', party_id: 'BEC', id: original.id });
    expect(back).toEqual(original);
  });

  it('applies the official 2.1.1 tariff PATCH to the stored tariff, giving the whole tariff for a PUT', () => {
    // Prepare
    const stored = {
      ...tariffTo221(example('mod_tariffs_example_03.json') as never, CPO),
      type: 'REGULAR' as const,
    };

    // Act
    const merged = applyTariffPatch211(stored, example('mod_tariffs_example_02.json') as never, RECEIVED_AT);

    // Assess
    expect(merged).toMatchObject({ id: '12', type: 'REGULAR', currency: 'EUR', last_updated: RECEIVED_AT });
    expect(merged.elements[0]?.price_components[0]?.price).toBe(2.5);
  });

  it('drops VAT rates and the minimum price toward 2.1.1, noting each', () => {
    // Prepare
    const losses: LossLog = [];

    // Act
    const tariff = tariffTo211(example('tariff_12_025kwh_min_price.json', '2.2.1') as Tariff, losses);

    // Assess
    expect(Tariff211Schema.safeParse(tariff).success).toBe(true);
    expect(tariff.elements[0]?.price_components[0]).toEqual({ type: 'ENERGY', price: 0.25, step_size: 1 });
    expect(losses.map((loss) => loss.field)).toEqual(['min_price', 'elements[0].price_components[0].vat']);
  });

  it('leaves out elements that only price reservations', () => {
    // Act
    const tariff = tariffTo211(example('tariff_15_reservation_5_euro_per_hour.json', '2.2.1') as Tariff);

    // Assess
    expect(tariff.elements).toHaveLength(1);
    expect(tariff.elements[0]?.price_components.map((c) => c.type)).toEqual(['FLAT', 'ENERGY']);
  });

  it('refuses current restrictions, which 2.1.1 cannot express, naming the field', async () => {
    // Act
    const error = await refusalOf(() => tariffTo211(example('tariff_4_complex.json', '2.2.1') as Tariff));

    // Assess
    expect(error.fieldPath).toBe('elements[1].restrictions.max_current');
  });

  it('refuses an AD_HOC_PAYMENT tariff: 2.1.1 knows only the regular one', async () => {
    // Prepare
    const tariff = {
      ...(example('tariff_1_simple_2hour.json', '2.2.1') as Tariff),
      type: 'AD_HOC_PAYMENT' as const,
    };

    // Act
    const error = await refusalOf(() => tariffTo211(tariff));

    // Assess
    expect(error.fieldPath).toBe('type');
  });
});

describe('Token 2.1.1 <-> 2.2.1', () => {
  it('stores a 2.1.1 token with auth_id as contract_id, owned by the eMSP', () => {
    // Act
    const token = tokenTo221(example('mod_tokens_example_01.json') as never, EMSP);

    // Assess
    expect(token).toMatchObject({
      country_code: 'DE',
      party_id: '8AC',
      contract_id: 'DE8ACC12E46L89',
      type: 'RFID',
    });
    expect(token).not.toHaveProperty('auth_id');
    expect(tokenTo211(token)).toEqual(example('mod_tokens_example_01.json'));
  });

  it('sends APP_USER and AD_HOC_USER as OTHER and drops the 2.2.1-only fields', () => {
    // Prepare
    const token = example('token_example_1_app_user.json', '2.2.1') as Token;
    const losses: LossLog = [];

    // Act
    const translated = tokenTo211({ ...token, group_id: 'G1' }, losses);

    // Assess
    expect(Token211Schema.safeParse(translated).success).toBe(true);
    expect(translated).toMatchObject({ type: 'OTHER', auth_id: token.contract_id });
    expect(translated).not.toHaveProperty('group_id');
    expect(losses.map((loss) => loss.field)).toContain('type');
    expect(tokenTypesFor211('OTHER')).toEqual(['OTHER', 'APP_USER', 'AD_HOC_USER']);
  });

  it('reads null in an optional 2.1.1 field as absent and refuses it in a required one', () => {
    // Prepare
    const token = { ...example('mod_tokens_example_01.json'), visual_number: null, language: null };

    // Act
    const parsed = Token211Schema.parse(token);
    const rejected = issuePaths(Token211Schema, { ...token, issuer: null });

    // Assess
    expect(parsed).not.toHaveProperty('visual_number');
    expect(parsed).not.toHaveProperty('language');
    expect(rejected).toEqual(['issuer']);
  });

  it('translates token PATCHes both ways, adding last_updated toward 2.2.1', () => {
    // Act
    const toHub = tokenPatchTo221(example('mod_tokens_example_02.json') as never, RECEIVED_AT);
    const toPartner = tokenPatchTo211(example('token_patch_example.json', '2.2.1') as never);

    // Assess
    expect(toHub).toEqual({ valid: false, last_updated: RECEIVED_AT });
    expect(toPartner).toEqual({ valid: false, last_updated: '2019-06-19T02:11:11Z' });
  });
});

describe('AuthorizationInfo and LocationReferences', () => {
  const token = tokenTo221(example('mod_tokens_example_01.json') as never, EMSP);

  it('gives a 2.2.1 CPO the stored token with a 2.1.1 eMSP answer, dropping connector_ids', () => {
    // Prepare
    const answer = {
      allowed: 'ALLOWED',
      location: { location_id: 'LOC1', evse_uids: ['3256'], connector_ids: ['1'] },
    };

    // Act
    const info = authorizationInfoTo221(answer as never, token);

    // Assess
    expect(info).toEqual({
      allowed: 'ALLOWED',
      token,
      location: { location_id: 'LOC1', evse_uids: ['3256'] },
    });
  });

  it('gives a 2.1.1 CPO the answer without token and authorization_reference', () => {
    // Act
    const info = authorizationInfoTo211({
      allowed: 'BLOCKED',
      token,
      authorization_reference: 'REF1',
      info: { language: 'en', text: 'Card blocked' },
    });

    // Assess
    expect(AuthorizationInfo211Schema.safeParse(info).success).toBe(true);
    expect(info).toEqual({ allowed: 'BLOCKED', info: { language: 'en', text: 'Card blocked' } });
  });

  it('refuses a 2.1.1 location reference longer than 2.2.1 allows', async () => {
    // Act
    const error = await refusalOf(() => locationReferencesTo221({ location_id: 'L'.repeat(39) }));

    // Assess
    expect(error.fieldPath).toBe('location_id');
  });
});
