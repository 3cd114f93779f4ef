import { sngvCrimePreventionPlan2026, sngvStateSecretsPlan2026, stpTraffickingPlan2026, type SeedPlan } from '@planlog/example-seed-plans';

/** A seed plan as the demo issues it. */
export type DemoPlan = { planId: string; seed: SeedPlan; number: string; issuedOn: string };

/**
 * The seeds are drafts ("Số: /KH-…", day left blank): the numbers and dates of issue below are
 * invented for the demo, each after the upstream document it implements and in the draft's month.
 */
export const demoPlans: readonly DemoPlan[] = [
  { planId: 'sngv-pctp-2026', seed: sngvCrimePreventionPlan2026, number: '45/KH-SNgV', issuedOn: '2026-03-16' },
  { planId: 'stp-pctp-mbn-2026', seed: stpTraffickingPlan2026, number: '112/KH-STP', issuedOn: '2026-04-15' },
  { planId: 'sngv-bmnn-2026', seed: sngvStateSecretsPlan2026, number: '58/KH-SNgV', issuedOn: '2026-04-20' },
];
