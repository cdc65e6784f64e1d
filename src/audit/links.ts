/** URLs of other features' screens the audit links to (agreed through the URL, never by import). */
const e = encodeURIComponent;
export const links = {
  decisions: (zoneId: string) => `/zones/${e(zoneId)}/audit`,
  decision: (zoneId: string, requestId: string) => `/zones/${e(zoneId)}/audit/decisions/${e(requestId)}`,
  fix: (zoneId: string, requestId: string, policyId: string, policyVersionId: string) =>
    `/zones/${e(zoneId)}/audit/decisions/${e(requestId)}/fix?policy=${e(policyId)}&from=${e(policyVersionId)}`,
  policyVersion: (zoneId: string, policyId: string, version: number, line?: number) =>
    `/zones/${e(zoneId)}/policies/${e(policyId)}?version=${version}${line ? `&line=${line}` : ''}`,
  setVersion: (zoneId: string, setId: string, versionId: string) => `/zones/${e(zoneId)}/policy-sets/${e(setId)}/versions/${e(versionId)}`,
  /** The composer of issue 6, with one policy version swapped into the active manifest. */
  composeWithSwap: (zoneId: string, setId: string, policyId: string, policyVersionId: string) =>
    `/zones/${e(zoneId)}/policy-sets/${e(setId)}/compose?policy=${e(policyId)}&swap=${e(policyVersionId)}`,
};
