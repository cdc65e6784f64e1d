// Demo traffic: three applications in the demo zone and about fifty real exchanges through the
// STS over HTTP, allowed and denied, so a newcomer's audit screen starts with real decisions.
import { systemActor } from '../auth/actor.ts';
import { GRANT_CLIENT_CREDENTIALS, GRANT_TOKEN_EXCHANGE, TOKEN_TYPE_ACCESS_TOKEN } from '../../contract/sts.ts';
import type { StsAudit } from './module.ts';

const APPS = [
  { name: 'ledger-service', labels: ['team:payments', 'tier:gold'] },
  { name: 'helpdesk-portal', labels: ['team:support', 'hours:business'] },
  { name: 'legacy-batch', labels: ['team:payments', 'suspended'] },
];

// [application index, resource, scope]: grants, a scope no policy grants, a suspended app, wrong team.
const REQUESTS: [number, string, string][] = [
  [0, 'resource://payments/ledger', 'payments:read'],
  [0, 'resource://payments/refunds', 'payments:read'],
  [0, 'resource://payments/ledger', 'payments:write'],
  [1, 'resource://support-tools', 'tickets:read'],
  [1, 'resource://support-tools', 'tickets:read tickets:write'],
  [1, 'resource://payments/ledger', 'payments:read'],
  [2, 'resource://payments/ledger', 'payments:read'],
  [0, 'resource://support-tools', 'tickets:read'],
];

async function post(url: string, clientId: string, secret: string, form: Record<string, string>) {
  const r = await fetch(`${url}/oauth/2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: r.status, body: (await r.json()) as { access_token?: string } };
}

export async function seedDemoTraffic(m: StsAudit, url: string, zoneId: string, rounds = 6): Promise<{ exchanges: number }> {
  const apps = [];
  for (const a of APPS) apps.push(await m.applications.create(zoneId, a, systemActor, 'demo-seed'));
  let exchanges = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [i, resource, scope] of REQUESTS) {
      const app = apps[i];
      const r = await post(url, app.client_id, app.client_secret, { grant_type: GRANT_CLIENT_CREDENTIALS, resource, scope });
      exchanges++;
      // Now and then the ledger service narrows its token for a downstream call (token exchange).
      if (r.status === 200 && i === 0 && round % 3 === 0 && r.body.access_token) {
        await post(url, app.client_id, app.client_secret, {
          grant_type: GRANT_TOKEN_EXCHANGE,
          subject_token: r.body.access_token,
          subject_token_type: TOKEN_TYPE_ACCESS_TOKEN,
          resource: 'resource://payments/ledger',
          scope: 'payments:read',
        });
        exchanges++;
      }
    }
  }
  await m.recorder.drain();
  return { exchanges };
}
