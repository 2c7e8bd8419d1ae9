import type { PartyRef } from '../../test/partners';

const connector = (id: string, lastUpdated: string) => ({
  id,
  standard: 'IEC_62196_T2',
  format: 'SOCKET',
  power_type: 'AC_3_PHASE',
  max_voltage: 230,
  max_amperage: 32,
  tariff_ids: ['T1'],
  last_updated: lastUpdated,
});

/** A typical public site: three EVSEs with one or two connectors each (shaped on location_example.json). */
export function sampleLocation(owner: PartyRef, id: string, lastUpdated: string) {
  const evse = (n: number) => ({
    uid: `${id}-E${n}`,
    evse_id: `${owner.country_code}*${owner.party_id}*E${id}${n}`.slice(0, 48),
    status: 'AVAILABLE',
    capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
    connectors:
      n === 1 ? [connector('1', lastUpdated), connector('2', lastUpdated)] : [connector('1', lastUpdated)],
    physical_reference: String(n),
    last_updated: lastUpdated,
  });
  return {
    country_code: owner.country_code,
    party_id: owner.party_id,
    id,
    publish: true,
    name: `Bench site ${id}`,
    address: 'Stationsplein 1',
    city: 'Utrecht',
    postal_code: '3511 ED',
    country: 'NLD',
    coordinates: { latitude: '52.089444', longitude: '5.110278' },
    parking_type: 'ON_STREET',
    evses: [evse(1), evse(2), evse(3)],
    operator: { name: 'Bench CPO' },
    time_zone: 'Europe/Amsterdam',
    last_updated: lastUpdated,
  };
}
