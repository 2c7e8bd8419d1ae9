import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { formatOcpiDateTime } from '../../functions/ocpi/datetime';
import { ocpiReply } from './envelope';
import { sendToHub } from './hub-client';
import { type PlatformState, primaryRole } from './platform-state';
import { logReceived } from './receivers';
import type { SimEnv } from './sim-env';
import type { HubRequestOptions, HubResponse, PartyRef } from './types';
import { implements_, moduleUrl } from './versions';

const COMMAND_TYPES = [
  'CANCEL_RESERVATION',
  'RESERVE_NOW',
  'START_SESSION',
  'STOP_SESSION',
  'UNLOCK_CONNECTOR',
];

/** Routing of an answer leg: FROM = whom the request was addressed to, TO = its sender (ocpi-notes §3.1). */
function reverseRouting(c: Context<SimEnv>, state: PlatformState): { from: PartyRef; to?: PartyRef } {
  const toCc = c.req.header('ocpi-to-country-code');
  const toPid = c.req.header('ocpi-to-party-id');
  const fromCc = c.req.header('ocpi-from-country-code');
  const fromPid = c.req.header('ocpi-from-party-id');
  return {
    from: toCc && toPid ? { country_code: toCc, party_id: toPid } : primaryRole(state),
    to: fromCc && fromPid ? { country_code: fromCc, party_id: fromPid } : undefined,
  };
}

/** POSTs an asynchronous result to a `response_url` after the configured delay (ocpi-notes §4.6, §4.7). */
function scheduleCallback(c: Context<SimEnv>, state: PlatformState, url: string, body: unknown): void {
  if (!state.commands.sendResult) return;
  const options: HubRequestOptions = {
    body,
    ...reverseRouting(c, state),
    correlationId: c.req.header('x-correlation-id'),
  };
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    sendToHub(state, 'POST', url, options)
      .then((r) => state.sentCallbacks.push({ url, body, status: r.status, at: new Date() }))
      .catch(() => state.sentCallbacks.push({ url, body, status: 'error', at: new Date() }));
  }, state.commands.resultDelayMs);
  state.timers.add(timer);
}

const missingResponseUrl = (c: Context<SimEnv>) =>
  ocpiReply(c, undefined, { code: 2001, message: 'response_url is required' });
const noEndpoint = (c: Context<SimEnv>) =>
  ocpiReply(c, undefined, { http: 404, code: 2000, message: 'no such endpoint' });

function mountCpoCommands(app: Hono<SimEnv>, state: PlatformState): void {
  app.post('/ocpi/2.2.1/receiver/commands/:command', (c) => {
    if (!implements_(state, 'commands', 'RECEIVER')) return noEndpoint(c);
    logReceived(c, state, 'commands');
    if (!COMMAND_TYPES.includes(c.req.param('command'))) return noEndpoint(c);
    const responseUrl = (c.get('body') as { response_url?: unknown } | undefined)?.response_url;
    if (typeof responseUrl !== 'string') return missingResponseUrl(c);
    const { response, timeout, result, answerBody } = state.commands;
    if (answerBody !== undefined) {
      scheduleCallback(c, state, responseUrl, { result });
      return oddAnswer(c, answerBody);
    }
    if (response === 'ACCEPTED') scheduleCallback(c, state, responseUrl, { result });
    return ocpiReply(c, { result: response, timeout });
  });

  // ChargingProfiles Receiver (ocpi-notes §4.7): answer ACCEPTED, then POST the result to response_url.
  app.on(['GET', 'PUT', 'DELETE'], '/ocpi/2.2.1/receiver/chargingprofiles/:sessionId', (c) => {
    if (!implements_(state, 'chargingprofiles', 'RECEIVER')) return noEndpoint(c);
    logReceived(c, state, 'chargingprofiles');
    const body = c.get('body') as { response_url?: unknown } | undefined;
    const responseUrl = c.req.method === 'PUT' ? body?.response_url : c.req.query('response_url');
    if (typeof responseUrl !== 'string') return missingResponseUrl(c);
    const profile = {
      start_date_time: formatOcpiDateTime(Date.now()),
      charging_profile: {
        charging_rate_unit: 'W',
        charging_profile_period: [{ start_period: 0, limit: 11000 }],
      },
    };
    scheduleCallback(
      c,
      state,
      responseUrl,
      c.req.method === 'GET' ? { result: 'ACCEPTED', profile } : { result: 'ACCEPTED' },
    );
    const { answerBody } = state.commands;
    if (answerBody !== undefined) return oddAnswer(c, answerBody);
    return ocpiReply(c, { result: 'ACCEPTED', timeout: state.commands.timeout });
  });
}

const oddAnswer = (c: Context<SimEnv>, bodyText: string) =>
  c.body(bodyText, 200, { 'Content-Type': 'application/json' });

function mountResultReceivers(app: Hono<SimEnv>, state: PlatformState): void {
  // Our own response_urls live under the commands Sender URL; the hub POSTs CommandResults there.
  app.post('/ocpi/2.2.1/sender/commands/*', (c) => {
    if (!implements_(state, 'commands', 'SENDER')) return noEndpoint(c);
    logReceived(c, state, 'commands');
    return ocpiReply(c, undefined);
  });
  // SCSP side: ActiveChargingProfile PUTs and result POSTs (ocpi-notes §4.7).
  app.on(['PUT', 'POST'], '/ocpi/2.2.1/sender/chargingprofiles/*', (c) => {
    if (!implements_(state, 'chargingprofiles', 'SENDER')) return noEndpoint(c);
    logReceived(c, state, 'chargingprofiles');
    return ocpiReply(c, undefined);
  });
}

export function mountCommandRoutes(app: Hono<SimEnv>, state: PlatformState): void {
  mountCpoCommands(app, state);
  mountResultReceivers(app, state);
}

/** eMSP side: POSTs a command to the hub with a fresh response_url pointing back at this platform. */
export async function sendCommand(
  state: PlatformState,
  command: string,
  body: Record<string, unknown>,
  options: HubRequestOptions = {},
): Promise<{ response: HubResponse; responseUrl: string }> {
  const responseUrl = `${moduleUrl(state, 'commands', 'SENDER')}/${command}/${randomUUID()}`;
  const response = await sendToHub(state, 'POST', `commands/${command}`, {
    ...options,
    body: { ...body, response_url: responseUrl },
  });
  return { response, responseUrl };
}
