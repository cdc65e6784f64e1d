// URL builders for every API route, so neither the console nor tests build URLs by hand.
const e = encodeURIComponent;

export const paths = {
  session: () => '/v1/session',
  builtins: () => '/v1/builtins',
  validate: () => '/v1/policies/validate',
  format: () => '/v1/policies/format',
  test: () => '/v1/policies/test',
  zones: () => '/v1/zones',
  zone: (zoneId: string) => `/v1/zones/${e(zoneId)}`,
  policies: (zoneId: string) => `/v1/zones/${e(zoneId)}/policies`,
  policy: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policies/${e(id)}`,
  policyUsage: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policies/${e(id)}/usage`,
  policyVersions: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policies/${e(id)}/versions`,
  policyVersion: (zoneId: string, id: string, versionId: string) =>
    `/v1/zones/${e(zoneId)}/policies/${e(id)}/versions/${e(versionId)}`,
  policySets: (zoneId: string) => `/v1/zones/${e(zoneId)}/policy-sets`,
  policySet: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}`,
  policySetVersions: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/versions`,
  policySetVersionCheck: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/versions/check`,
  policySetVersion: (zoneId: string, id: string, versionId: string) =>
    `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/versions/${e(versionId)}`,
  impact: (zoneId: string, id: string, versionId: string) =>
    `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/versions/${e(versionId)}/impact`,
  simulate: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/simulate`,
  simulations: (zoneId: string, id: string, versionId: string) =>
    `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/versions/${e(versionId)}/simulations`,
  activate: (zoneId: string, id: string) => `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/activate`,
  activationStatus: (zoneId: string, id: string, versionId?: string) =>
    `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/activation-status` +
    (versionId ? `?version_id=${e(versionId)}` : ''),
  activationRequestsOfSet: (zoneId: string, id: string) =>
    `/v1/zones/${e(zoneId)}/policy-sets/${e(id)}/activation-requests`,
  activations: (zoneId: string) => `/v1/zones/${e(zoneId)}/activations`,
  activationRequests: (zoneId: string) => `/v1/zones/${e(zoneId)}/activation-requests`,
  approve: (zoneId: string, rid: string) => `/v1/zones/${e(zoneId)}/activation-requests/${e(rid)}/approve`,
  reject: (zoneId: string, rid: string) => `/v1/zones/${e(zoneId)}/activation-requests/${e(rid)}/reject`,
  adminAudit: (zoneId: string) => `/v1/zones/${e(zoneId)}/admin-audit`,
  adminTokens: () => '/v1/admin-tokens',
  adminToken: (id: string) => `/v1/admin-tokens/${e(id)}`,
  openapi: () => '/v1/openapi.json',
} as const;
