/**
 * The response schemas the console parses with — all from the shared contract/ (the same zod
 * schemas the server validates with). Only compositions the contract leaves to callers live here.
 */
import { z } from 'zod';
import {
  AdminToken,
  Builtin,
  BuiltinsResponse,
  CreatedAdminToken,
  CreatedPolicy,
  CreatedPolicyVersion,
  FormatResponse,
  InvalidRego,
  listOf,
  PolicyDetail,
  PolicySet,
  PolicySummary,
  PolicyUsage,
  PolicyVersion,
  RegoError,
  Role,
  Session,
  TestReport,
  ValidateOk,
  Zone,
} from '../../contract/index.ts';

export const sessionSchema = Session;
export const zoneSchema = Zone;
export const zoneListSchema = listOf(Zone);
export const policyListSchema = listOf(PolicySummary);
export const policyDetailSchema = PolicyDetail;
export const createdPolicySchema = CreatedPolicy;
export const createdPolicyVersionSchema = CreatedPolicyVersion;
export const policyUsageSchema = PolicyUsage;
export const validateOkSchema = ValidateOk;
export const invalidRegoBodySchema = InvalidRego;
export const formatSchema = FormatResponse;
export const testReportSchema = TestReport;
export const builtinsSchema = BuiltinsResponse;
export const adminTokenListSchema = listOf(AdminToken);
export const createdAdminTokenSchema = CreatedAdminToken;
export const policySetListSchema = listOf(PolicySet);
/** 204 No Content. */
export const noContentSchema = z.undefined();

export type {
  AdminToken,
  PolicyDetail,
  PolicySummary,
  PolicyUsage,
  PolicyVersion,
  RegoError,
  Role,
  Session,
  TestReport,
  Zone,
} from '../../contract/index.ts';
export type Builtin = z.infer<typeof Builtin>;
