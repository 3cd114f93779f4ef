/** A sample Kế hoạch as the demo runs it: which file of examples/sample-plans, under which plan id. */
export type DemoPlan = { planId: string; file: string };

/**
 * The demo's plans: the two samples the importer reads whole (units, deadlines and reporting
 * regime), one of Sở Ngoại vụ and one of Sở Tư pháp of the fictional tỉnh Sông Hậu. They are issued
 * documents: the number and the date of issue come from the text (see importSamples.ts).
 */
export const demoPlans: readonly DemoPlan[] = [
  { planId: 'sngv-dn-2026', file: 'ke-hoach-sngv-doi-ngoai-2026.txt' },
  { planId: 'stp-pbgdpl-2026', file: 'ke-hoach-stp-pbgdpl-2026.txt' },
];
