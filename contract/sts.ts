// The STS (`POST /oauth/2/token`): form fields in, an OAuth token response or OAuth error out.
import { z } from 'zod';

export const GRANT_CLIENT_CREDENTIALS = 'client_credentials';
export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const TOKEN_TYPE_ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
export const TOKEN_TYPE_JWT = 'urn:ietf:params:oauth:token-type:jwt';

export const MAX_SCOPES = 64;
export const MAX_SCOPE_LENGTH = 128;
export const MAX_RESOURCE_LENGTH = 512;
/** RFC 6749 scope-token characters. */
export const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
/** The decision contract's resource identifier: resource://host[/path], printable ASCII, no spaces. */
export const RESOURCE_IDENTIFIER = /^resource:\/\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*$/;

/** The raw form as it arrives (every field a string); the STS service checks meaning and answers OAuth errors. */
export const TokenRequestForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const TokenResponse = z.object({
  access_token: z.string(),
  issued_token_type: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const OAuthErrorBody = z.object({
  error: z.enum([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'invalid_scope',
    'invalid_target',
    'unsupported_grant_type',
    'access_denied',
    'temporarily_unavailable',
  ]),
  error_description: z.string(),
  request_id: z.string(),
});
export type OAuthErrorBody = z.infer<typeof OAuthErrorBody>;

export const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
