import { ActivationService } from './activation.ts';
import { AuthService } from './auth.ts';
import { Bundles } from './bundles.ts';
import type { Deps } from './deps.ts';
import { PoliciesService } from './policies.ts';
import { PolicySetsService } from './policy-sets.ts';
import { ZonesService } from './zones.ts';

export type Services = ReturnType<typeof makeServices>;

export function makeServices(deps: Deps) {
  const bundles = new Bundles(deps);
  const sets = new PolicySetsService(deps, bundles);
  return {
    deps,
    bundles,
    zones: new ZonesService(deps),
    policies: new PoliciesService(deps),
    sets,
    activation: new ActivationService(deps, sets, bundles),
    auth: new AuthService(deps),
  };
}
