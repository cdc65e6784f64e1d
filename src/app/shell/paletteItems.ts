import type { PolicySummary } from '../../api/schemas';

export interface NamedItem {
  id: string;
  name: string;
}

export interface PaletteItem {
  id: string;
  label: string;
  hint: string;
  to: string;
}

const idLike = /^[A-Za-z0-9_.:-]{6,128}$/;

/** Destinations for what was typed: screens, matching policies, and "open decision <id>". */
export function paletteItems(
  zoneId: string,
  query: string,
  policies: readonly PolicySummary[],
  policySets: readonly NamedItem[] = [],
): PaletteItem[] {
  const z = `/zones/${encodeURIComponent(zoneId)}`;
  const q = query.trim().toLowerCase();
  const screens: PaletteItem[] = [
    { id: 'screen:policies', label: 'Policies', hint: 'Screen', to: `${z}/policies` },
    { id: 'screen:new-policy', label: 'New policy', hint: 'Screen', to: `${z}/policies/new` },
    { id: 'screen:policy-sets', label: 'Policy Sets', hint: 'Screen', to: `${z}/policy-sets` },
    { id: 'screen:audit', label: 'Audit', hint: 'Screen', to: `${z}/audit` },
    { id: 'screen:settings', label: 'Settings', hint: 'Screen', to: `${z}/settings` },
  ].filter((item) => !q || item.label.toLowerCase().includes(q));
  const matches = policies
    .filter((p) => !q || p.name.toLowerCase().includes(q) || p.id.toLowerCase() === q)
    .map((p) => ({ id: `policy:${p.id}`, label: p.name, hint: `Policy · v${p.latest_version}`, to: `${z}/policies/${encodeURIComponent(p.id)}` }));
  const sets = policySets
    .filter((set) => q && (set.name.toLowerCase().includes(q) || set.id.toLowerCase() === q))
    .slice(0, 20)
    .map((set) => ({ id: `policy-set:${set.id}`, label: set.name, hint: 'Policy set', to: `${z}/policy-sets/${encodeURIComponent(set.id)}` }));
  const byId: PaletteItem[] = idLike.test(query.trim())
    ? [
        { id: 'policy-id', label: `Policy with id ${query.trim()}`, hint: 'Policy', to: `${z}/policies/${encodeURIComponent(query.trim())}` },
        { id: 'policy-set-id', label: `Policy set with id ${query.trim()}`, hint: 'Policy set', to: `${z}/policy-sets/${encodeURIComponent(query.trim())}` },
        { id: 'decision', label: `Decision with request id ${query.trim()}`, hint: 'Audit', to: `${z}/audit/decisions/${encodeURIComponent(query.trim())}` },
      ]
    : [];
  return [...matches, ...sets, ...screens, ...byId];
}
