import { type Credentials, CredentialsSchema, type Role } from '../../schemas/credentials';
import { type Credentials211, Credentials211Schema } from '../schemas/credentials';
import { checked } from './checked';
import { UntranslatableError } from './untranslatable';

/**
 * Credentials toward a 2.1.1 partner: the flat object of the one party (the hub's own answer lists only
 * its HUB role). Several roles cannot be flattened without choosing one, so that is refused.
 */
export function credentialsTo211(credentials: Credentials): Credentials211 {
  const { roles, ...rest } = credentials;
  const [only] = roles;
  if (roles.length !== 1 || only === undefined) {
    throw new UntranslatableError('2.1.1', 'roles', 'a 2.1.1 credentials object holds exactly one party');
  }
  const { role: _role, ...party } = only;
  return checked(Credentials211Schema, { ...rest, ...party }, '2.1.1');
}

/**
 * A 2.1.1 partner's flat credentials as 2.2.1 credentials. 2.1.1 credentials carry no role: it is the
 * role the partner was onboarded with (CPO or EMSP), which the caller passes.
 */
export function credentialsTo221(credentials: Credentials211, role: Role): Credentials {
  const { token, url, business_details, party_id, country_code, ...rest } = credentials;
  const translated = { ...rest, token, url, roles: [{ role, business_details, party_id, country_code }] };
  return checked(CredentialsSchema, translated, '2.2.1');
}
