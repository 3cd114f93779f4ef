/** A seed Kế hoạch as the demo issues it: which file, under which plan id, number and date. */
export type DemoPlan = { planId: string; file: string; number: string; issuedOn: string };

/**
 * The seeds are drafts ("Số: /KH-…", day left blank): the numbers and dates of issue below are
 * invented for the demo, each after the upstream document it implements and in the draft's month.
 * The plans themselves are read from the seed texts by `@planlog/import-vn` (see importSeeds.ts).
 */
export const demoPlans: readonly DemoPlan[] = [
  { planId: 'sngv-pctp-2026', file: 'ke-hoach-sngv-phong-chong-toi-pham-2026.txt', number: '45/KH-SNgV', issuedOn: '2026-03-16' },
  { planId: 'stp-pctp-mbn-2026', file: 'ke-hoach-stp-phong-chong-toi-pham-mua-ban-nguoi-2026.txt', number: '112/KH-STP', issuedOn: '2026-04-15' },
  { planId: 'sngv-bmnn-2026', file: 'ke-hoach-sngv-bao-ve-bmnn-2026.txt', number: '58/KH-SNgV', issuedOn: '2026-04-20' },
];
