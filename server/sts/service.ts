// The token endpoint's rules: authenticate the client, check the request, build the decision input,
// let the zone's active policy decide, record the audit event durably, then sign (or refuse).
// Every refusal after the client is known is audited too, because its zone is known.
import { randomUUID } from 'node:crypto';
import type { DecisionResult } from '../../contract/index.ts';
import {
  GRANT_CLIENT_CREDENTIALS,
  GRANT_TOKEN_EXCHANGE,
  MAX_RESOURCE_LENGTH,
  MAX_SCOPE_LENGTH,
  MAX_SCOPES,
  RESOURCE_IDENTIFIER,
  SCOPE_TOKEN,
  TOKEN_TYPE_ACCESS_TOKEN,
  TOKEN_TYPE_JWT,
  type TokenResponse,
} from '../../contract/sts.ts';
import { verifyClientSecret } from '../applications/client-secret.ts';
import type { ApplicationRow, ApplicationsRepo } from '../applications/repository.ts';
import type { AuditRecorder } from '../audit/recorder.ts';
import type { NewAuditEvent } from '../audit/repository.ts';
import { newId } from '../lib/ids.ts';
import { buildDecisionInput, scopesOutsideSubject } from './decision-input.ts';
import type { Decider, Decision } from './decider.ts';
import { OAuthError } from './oauth-errors.ts';
import type { KeyRing } from './signing-keys.ts';

export const MAX_TOKEN_TTL_SEC = 900;

export interface TokenRequest {
  form: Record<string, string | string[]>;
  authorization?: string;
  requestId: string;
}

interface Known {
  app: ApplicationRow;
  grantType: string;
  resource: string | null;
  scopes: string[];
}

function single(form: TokenRequest['form'], name: string): string | undefined {
  const v = form[name];
  if (Array.isArray(v)) throw new OAuthError('invalid_request', `The parameter "${name}" was sent more than once; send it once.`);
  return v === undefined || v === '' ? undefined : v;
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) throw new OAuthError('invalid_client', 'The Authorization header is not HTTP Basic credentials.');
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'The Basic credentials have no ":" between client id and secret.');
  try {
    return { id: decodeURIComponent(text.slice(0, colon)), secret: decodeURIComponent(text.slice(colon + 1)) };
  } catch {
    throw new OAuthError('invalid_client', 'The Basic credentials are not correctly URL-encoded.');
  }
}

function parseScopes(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  if (raw.length > MAX_SCOPES * (MAX_SCOPE_LENGTH + 1)) {
    throw new OAuthError('invalid_scope', `The scope list is too long: at most ${MAX_SCOPES} scopes of ${MAX_SCOPE_LENGTH} characters.`);
  }
  const scopes = [...new Set(raw.split(' ').filter(Boolean))];
  if (scopes.length > MAX_SCOPES) throw new OAuthError('invalid_scope', `At most ${MAX_SCOPES} scopes may be requested; this request has ${scopes.length}.`);
  for (const s of scopes) {
    if (s.length > MAX_SCOPE_LENGTH || !SCOPE_TOKEN.test(s)) {
      throw new OAuthError('invalid_scope', `The scope "${s.slice(0, 40)}" is not a valid scope token (printable ASCII without spaces, quotes or backslashes, at most ${MAX_SCOPE_LENGTH} characters).`);
    }
  }
  return scopes;
}

function parseResource(raw: string | undefined): string {
  if (raw === undefined) throw new OAuthError('invalid_request', 'The "resource" parameter is required (for example resource://payments/api).');
  if (raw.length > MAX_RESOURCE_LENGTH || !RESOURCE_IDENTIFIER.test(raw)) {
    throw new OAuthError('invalid_target', `The resource "${raw.slice(0, 60)}" is not a resource identifier like resource://payments/api.`);
  }
  return raw;
}

/** A readable reason for a deny, from the result's diagnostics. */
export function denialDescription(result: DecisionResult, zoneName: string): string {
  const d = result.diagnostics[0];
  if (d?.reason === 'no_active_policy_set') return `The zone "${zoneName}" has no active policy set, so every request is denied.`;
  if (d?.reason === 'evaluation_error') return `The policy could not be evaluated${d.message ? ` (${d.message})` : ''}, so the request is denied.`;
  if (d?.reason === 'no_rule_matched' || !d) return 'No policy allowed this request.';
  const by = result.determining_policies.map((p) => p.policy);
  const who = by.length ? ` by ${[...new Set(by)].map((p) => `"${p}"`).join(', ')}` : '';
  const why = result.diagnostics.map((x) => x.message ?? x.reason).join('; ');
  return `Denied${who}: ${why}.`;
}

export interface StsOptions {
  /** Read per request: the public URL is known only once the server listens. */
  issuer: () => string;
  tokenTtlSec: number;
  zoneName: (zoneId: string) => Promise<string>;
}

export class StsService {
  constructor(
    private readonly apps: ApplicationsRepo,
    private readonly keys: KeyRing,
    private readonly decider: Decider,
    private readonly audit: AuditRecorder,
    private readonly opts: StsOptions,
  ) {}

  async token(req: TokenRequest): Promise<TokenResponse> {
    const started = performance.now();
    const grantType = single(req.form, 'grant_type') ?? '';
    // The client first: once it is known, every refusal below is audited in its zone.
    const app = await this.authenticate(req);
    const known: Known = { app, grantType, resource: null, scopes: [] };
    try {
      if (!grantType) throw new OAuthError('invalid_request', 'The "grant_type" parameter is required.');
      if (grantType !== GRANT_CLIENT_CREDENTIALS && grantType !== GRANT_TOKEN_EXCHANGE) {
        throw new OAuthError('unsupported_grant_type', `The grant type "${grantType.slice(0, 80)}" is not supported; use client_credentials or token exchange.`);
      }
      return await this.decideAndIssue(req, known, started);
    } catch (err) {
      if (err instanceof OAuthError && err.code !== 'access_denied' && err.code !== 'temporarily_unavailable') {
        await this.recordRejection(req, known, err, started);
      }
      throw err;
    }
  }

  private async authenticate(req: TokenRequest): Promise<ApplicationRow> {
    const basic = basicCredentials(req.authorization);
    const bodyId = single(req.form, 'client_id');
    const bodySecret = single(req.form, 'client_secret');
    if (basic && bodySecret) throw new OAuthError('invalid_request', 'Send client credentials either in the Authorization header or in the body, not both.');
    const id = basic?.id ?? bodyId;
    const secret = basic?.secret ?? bodySecret;
    if (!id || !secret) throw new OAuthError('invalid_client', 'Client authentication is required: HTTP Basic or client_id and client_secret in the body.');
    if (basic && bodyId && bodyId !== basic.id) throw new OAuthError('invalid_request', 'The client_id in the body differs from the one in the Authorization header.');
    const app = id.length <= 128 ? await this.apps.byClientId(id) : undefined;
    if (!app) throw new OAuthError('invalid_client', 'Unknown client or wrong secret.');
    const known: Known = { app, grantType: typeof req.form.grant_type === 'string' ? req.form.grant_type : '', resource: null, scopes: [] };
    if (!verifyClientSecret(secret, app.secret_salt, app.secret_hash)) {
      const err = new OAuthError('invalid_client', 'Unknown client or wrong secret.');
      await this.recordRejection(req, known, err, performance.now());
      throw err;
    }
    if (app.disabled_at) {
      const err = new OAuthError('invalid_client', `The application "${app.name}" is disabled.`);
      await this.recordRejection(req, known, err, performance.now());
      throw err;
    }
    return app;
  }

  private async decideAndIssue(req: TokenRequest, known: Known, started: number): Promise<TokenResponse> {
    const { app } = known;
    known.resource = parseResource(single(req.form, 'resource'));
    let scopes = parseScopes(single(req.form, 'scope'));
    known.scopes = scopes ?? [];
    let subjectClaims: Record<string, unknown> | undefined;
    if (known.grantType === GRANT_TOKEN_EXCHANGE) {
      subjectClaims = await this.verifySubject(req, app);
      if (scopes === undefined) scopes = String(subjectClaims.scope ?? '').split(' ').filter(Boolean);
      const extra = scopesOutsideSubject(scopes, subjectClaims.scope);
      known.scopes = scopes;
      if (extra.length) {
        throw new OAuthError('invalid_scope', `Token exchange may only narrow scopes; the subject token does not carry ${extra.map((s) => `"${s}"`).join(', ')}.`);
      }
    }
    scopes ??= [];
    known.scopes = scopes;

    const now = new Date();
    const input = buildDecisionInput({
      application: { id: app.id, zone_id: app.zone_id, name: app.name, labels: JSON.parse(app.labels_json) as string[] },
      resource: known.resource,
      scopes,
      now,
      traceId: req.requestId,
      subjectClaims,
    });
    const decision = await this.decider.decide(app.zone_id, input);
    const allowed = decision.result.decision === 'allow';
    const jti = randomUUID();
    const ttl = Math.min(this.opts.tokenTtlSec, MAX_TOKEN_TTL_SEC);
    const event = this.event(req, known, decision, input, now, started, allowed ? { token_jti: jti, expires_in: ttl } : {});

    // Signing runs while the audit event is being committed; the token leaves only after both.
    const [token] = await Promise.all([
      allowed ? this.sign(known, subjectClaims, decision, jti, ttl) : Promise.resolve(null),
      this.audit.record(event).catch(() => {
        throw new OAuthError('temporarily_unavailable', 'The decision could not be recorded in the audit log, so no token was issued; try again.');
      }),
    ]);
    if (!token) throw new OAuthError('access_denied', denialDescription(decision.result, await this.opts.zoneName(app.zone_id)));
    return {
      access_token: token,
      issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
      token_type: 'Bearer',
      expires_in: ttl,
      scope: scopes.join(' '),
    };
  }

  private async verifySubject(req: TokenRequest, app: ApplicationRow): Promise<Record<string, unknown>> {
    const subjectToken = single(req.form, 'subject_token');
    if (!subjectToken) throw new OAuthError('invalid_request', 'Token exchange needs a "subject_token".');
    const type = single(req.form, 'subject_token_type');
    if (type !== TOKEN_TYPE_ACCESS_TOKEN && type !== TOKEN_TYPE_JWT) {
      throw new OAuthError('invalid_request', `"subject_token_type" must be ${TOKEN_TYPE_ACCESS_TOKEN} or ${TOKEN_TYPE_JWT}.`);
    }
    if (subjectToken.length > 8192) throw new OAuthError('invalid_request', 'The subject_token is too long to be a token this STS issued.');
    let claims: Record<string, unknown>;
    try {
      claims = (await this.keys.verify(subjectToken, this.opts.issuer())).payload as Record<string, unknown>;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      const why =
        code === 'ERR_JWT_EXPIRED' ? 'it has expired'
        : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `its ${(err as { claim?: string }).claim ?? 'claims'} claim is not acceptable`
        : code === 'ERR_JOSE_ALG_NOT_ALLOWED' ? 'it is not signed with ES256'
        : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'its signature does not verify'
        : code === 'ERR_JWKS_NO_MATCHING_KEY' ? 'no published key of this STS signed it'
        : 'it is not a well-formed signed JWT';
      throw new OAuthError('invalid_request', `The subject_token was not issued by this STS or is no longer valid: ${why}.`);
    }
    if (claims.zone !== app.zone_id) throw new OAuthError('invalid_request', 'The subject_token was issued for another zone.');
    return claims;
  }

  private sign(known: Known, subject: Record<string, unknown> | undefined, d: Decision, jti: string, ttl: number) {
    const claims: Record<string, unknown> = {
      iss: this.opts.issuer(),
      sub: typeof subject?.sub === 'string' ? subject.sub : known.app.client_id,
      aud: known.resource!,
      scope: known.scopes.join(' '),
      jti,
      client_id: known.app.client_id,
      zone: known.app.zone_id,
      policy_set_version: d.version?.policy_set_version_id,
    };
    if (subject) claims.act = { sub: known.app.client_id };
    return this.keys.sign(claims, ttl);
  }

  private event(
    req: TokenRequest,
    known: Known,
    d: Decision,
    input: unknown,
    now: Date,
    started: number,
    extra: Record<string, unknown>,
  ): NewAuditEvent {
    return {
      id: newId(),
      zone_id: known.app.zone_id,
      event_type: 'token_exchange',
      request_id: req.requestId,
      decision: d.result.decision,
      evaluation_status: d.result.evaluation_status,
      application_id: known.app.id,
      resource: known.resource,
      policy_set_id: d.version?.policy_set_id ?? null,
      policy_set_version_id: d.version?.policy_set_version_id ?? null,
      manifest_sha: d.version?.manifest_sha256 ?? null,
      determining_policies: d.result.determining_policies,
      diagnostics: d.result.diagnostics,
      metadata: {
        application_id: known.app.id,
        application_name: known.app.name,
        client_id: known.app.client_id,
        grant_type: known.grantType,
        resource: known.resource,
        scopes: known.scopes,
        latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
        eval_ms: d.eval_ms,
        ...extra,
      },
      input,
      occurred_at: now.toISOString(),
    };
  }

  /** A request refused before evaluation: audited as token_request_rejected with the OAuth error. */
  private async recordRejection(req: TokenRequest, known: Known, err: OAuthError, started: number) {
    const event: NewAuditEvent = {
      id: newId(),
      zone_id: known.app.zone_id,
      event_type: 'token_request_rejected',
      request_id: req.requestId,
      decision: 'deny',
      evaluation_status: 'not_evaluated',
      application_id: known.app.id,
      resource: known.resource,
      policy_set_id: null,
      policy_set_version_id: null,
      manifest_sha: null,
      determining_policies: [],
      diagnostics: [{ reason: err.code, message: err.description }],
      metadata: {
        application_id: known.app.id,
        application_name: known.app.name,
        client_id: known.app.client_id,
        grant_type: known.grantType,
        resource: known.resource,
        scopes: known.scopes,
        latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
      },
      input: null,
      occurred_at: new Date().toISOString(),
    };
    await this.audit.record(event).catch(() => {
      /* the OAuth error still goes out; losing a rejection record must not turn it into a 5xx */
    });
  }
}
