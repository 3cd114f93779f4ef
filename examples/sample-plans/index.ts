// planlog's own sample documents: plans of the fictional tỉnh Sông Hậu and its agencies, written for
// the project (see README.md here). The demo, the tests and the docs read them from this folder.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How a document gives out its tasks. */
export type SampleLayout =
  /** "1. Văn phòng Sở" (a unit as heading), its tasks as bullets, "- Thời hạn: …" lines. */
  | 'unit-headings'
  /** "a) … (Phòng X chủ trì, phối hợp với Y; hoàn thành trong Quý II/2026)." */
  | 'bracketed'
  /** "a) Nhiệm vụ: …", "- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …", "- Thời gian thực hiện: …". */
  | 'labelled-fields'
  /** A Phụ lục table, one tab-separated row per line: STT, nhiệm vụ, chủ trì, phối hợp, thời gian; roman group rows. */
  | 'annex-table'
  /** A Quyết định (Điều 1, 2, 3, signer) with the Kế hoạch it issues attached after it. */
  | 'decision';

export type SamplePlan = {
  /** File name in this folder. */
  file: string;
  /** The issuing agency, as the text names it. */
  issuer: string;
  /** Số/ký hiệu. */
  number: string;
  layouts: readonly SampleLayout[];
  /** How many task assignments the text makes, counted by hand. */
  assignments: number;
};

export const samplePlans: readonly SamplePlan[] = [
  { file: 'ke-hoach-sngv-doi-ngoai-2026.txt', issuer: 'Sở Ngoại vụ', number: '45/KH-SNgV', layouts: ['unit-headings'], assignments: 17 },
  { file: 'ke-hoach-stp-pbgdpl-2026.txt', issuer: 'Sở Tư pháp', number: '52/KH-STP', layouts: ['bracketed'], assignments: 14 },
  { file: 'ke-hoach-ubnd-chuyen-doi-so-2026.txt', issuer: 'UBND tỉnh', number: '61/KH-UBND', layouts: ['labelled-fields', 'unit-headings'], assignments: 13 },
  { file: 'ke-hoach-ubnd-cai-cach-hanh-chinh-2026.txt', issuer: 'UBND tỉnh', number: '35/KH-UBND', layouts: ['annex-table'], assignments: 18 },
  {
    file: 'quyet-dinh-ubnd-ke-hoach-phong-chong-mua-ban-nguoi-2026.txt',
    issuer: 'UBND tỉnh',
    number: '215/QĐ-UBND',
    layouts: ['decision', 'labelled-fields', 'unit-headings'],
    assignments: 11,
  },
];

/** This folder. */
export const samplePlansDir = fileURLToPath(new URL('./', import.meta.url));

/** The path of a sample (one of `samplePlans`). */
export function samplePath(file: string): string {
  if (!samplePlans.some((plan) => plan.file === file)) throw new Error(`${file} is not one of the sample plans (${samplePlans.map((plan) => plan.file).join(', ')})`);
  return fileURLToPath(new URL(`./${file}`, import.meta.url));
}

/** The text of a sample. */
export function readSample(file: string): string {
  return readFileSync(samplePath(file), 'utf8');
}
