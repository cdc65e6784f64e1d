import type { Db } from '../db/types.ts';
import type { EngineRuntime } from '../engine/supervisor.ts';
import { ActivationsRepo } from '../repositories/activations.ts';
import { AdminAuditRepo } from '../repositories/admin-audit.ts';
import { PoliciesRepo } from '../repositories/policies.ts';
import { PolicySetsRepo } from '../repositories/policy-sets.ts';
import { RecordedInputsRepo } from '../repositories/recorded-inputs.ts';
import { SimulationRunsRepo } from '../repositories/simulation-runs.ts';
import { TokensRepo } from '../repositories/tokens.ts';
import { ZonesRepo } from '../repositories/zones.ts';

export interface Repos {
  zones: ZonesRepo;
  policies: PoliciesRepo;
  sets: PolicySetsRepo;
  activations: ActivationsRepo;
  tokens: TokensRepo;
  audit: AdminAuditRepo;
  recorded: RecordedInputsRepo;
  simulations: SimulationRunsRepo;
}

export function makeRepos(db: Db): Repos {
  return {
    zones: new ZonesRepo(db),
    policies: new PoliciesRepo(db),
    sets: new PolicySetsRepo(db),
    activations: new ActivationsRepo(db),
    tokens: new TokensRepo(db),
    audit: new AdminAuditRepo(db),
    recorded: new RecordedInputsRepo(db),
    simulations: new SimulationRunsRepo(db),
  };
}

export interface Deps {
  db: Db;
  repos: Repos;
  engine: EngineRuntime;
  publicUrl: () => string;
}
