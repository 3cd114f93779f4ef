import { unitId, type UnitRef } from '@planlog/core';
import { defaultUnitDirectory, defaultUnits, type UnitDirectory } from '@planlog/import-vn';

/**
 * Units of the importer's default directory that are the inside of a Sở: its office, its phòng and
 * trung tâm, and the collective phrases for them. "Văn phòng Sở" of Sở Ngoại vụ and of Sở Tư pháp
 * are two units, so the demo reads each plan with a directory in which these carry ids qualified by
 * the issuing agency ("so-ngoai-vu/van-phong-so"), the id scheme of the hand-encoded plan in
 * examples/hand-encoded-plan; two plans of one agency share them.
 */
export const INSIDE_A_SO: readonly string[] = [
  'Ban Giám đốc Sở',
  'Giám đốc Sở',
  'Lãnh đạo Sở',
  'Văn phòng Sở',
  'Phòng Lãnh sự - Biên giới',
  'Phòng Hợp tác quốc tế',
  'Trung tâm Dịch thuật và Dịch vụ đối ngoại',
  'Phòng Pháp chế và Phổ biến, giáo dục pháp luật',
  'Phòng Hành chính và Bổ trợ tư pháp',
  'Trung tâm Trợ giúp pháp lý nhà nước tỉnh',
  'Phòng Xây dựng pháp luật',
  'Phòng Kiểm tra văn bản quy phạm pháp luật',
  'Các phòng, đơn vị thuộc Sở',
  'Các Phòng, Trung tâm thuộc Sở',
  'Các phòng chuyên môn',
];

/** The default directory, with the units inside a Sở qualified by `agency`'s id. */
export function agencyDirectory(agency: UnitRef): UnitDirectory {
  return defaultUnitDirectory.extend(
    INSIDE_A_SO.map((name) => {
      const entry = defaultUnits.find((unit) => unit.name === name);
      if (!entry) throw new Error(`agencyDirectory: "${name}" is not in @planlog/import-vn's default units`);
      return { ...entry, id: `${agency.id}/${unitId(name)}` };
    }),
  );
}

/** Whether a unit is one of the agency's own (its id is qualified by the agency's). */
export function isInside(agency: UnitRef, unit: UnitRef): boolean {
  return unit.id.startsWith(`${agency.id}/`);
}
