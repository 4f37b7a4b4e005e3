/**
 * PAY-6 top-commission reward: `pay.topCommissionRewardFen` (50 yuan) to each
 * agent with the month's highest commission among those whose quota is met or
 * whose quota an outage made impossible (ties share the top, each gets the
 * full reward). **Reading**: nobody is top when the highest eligible
 * commission is 0.
 */
import type { Policy } from '../config/schema.ts';

export interface TopCommissionCandidate {
  employeeId: string;
  commissionFen: number;
  quotaMet: boolean;
  outage: boolean;
}

/** The ids of the top agents, sorted. */
export function topCommission(agents: readonly TopCommissionCandidate[]): string[] {
  const eligible = agents.filter((a) => a.quotaMet || a.outage);
  const best = Math.max(0, ...eligible.map((a) => a.commissionFen));
  if (best <= 0) return [];
  return eligible
    .filter((a) => a.commissionFen === best)
    .map((a) => a.employeeId)
    .sort();
}

/** The PAY-6 reward in fen for each top agent. */
export function topCommissionRewards(agents: readonly TopCommissionCandidate[], policy: Policy): Map<string, number> {
  return new Map(topCommission(agents).map((id) => [id, policy.pay.topCommissionRewardFen]));
}
