/** Console URLs of this feature (links only; API URLs come from api/paths). */
const e = encodeURIComponent;
export const setsUrl = (zoneId: string) => `/zones/${e(zoneId)}/policy-sets`;
export const setUrl = (zoneId: string, setId: string) => `${setsUrl(zoneId)}/${e(setId)}`;
export const composeUrl = (zoneId: string, setId: string) => `${setUrl(zoneId, setId)}/compose`;
export const setVersionUrl = (zoneId: string, setId: string, versionId: string) => `${setUrl(zoneId, setId)}/versions/${e(versionId)}`;
export const policyVersionUrl = (zoneId: string, policyId: string, version: number, line?: number) =>
  `/zones/${e(zoneId)}/policies/${e(policyId)}?version=${version}${line ? `&line=${line}` : ''}`;
export const decisionUrl = (zoneId: string, requestId: string) => `/zones/${e(zoneId)}/audit/decisions/${e(requestId)}`;
