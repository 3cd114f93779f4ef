import { createUnitDirectory, defaultUnitDirectory, readUnitList } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';

const idsOf = (text: string) => readUnitList(text, 0, defaultUnitDirectory).units.map((read) => read.unit.id);

describe('unit directory', () => {
  it('knows canonical names, abbreviations and symbol codes', () => {
    expect(defaultUnitDirectory.lookup('Sở NV')?.unit).toEqual({ id: 'so-noi-vu', name: 'Sở Nội vụ' });
    expect(defaultUnitDirectory.lookup('CA tỉnh')?.unit.id).toBe('cong-an-tinh');
    expect(defaultUnitDirectory.lookup('BCH BĐBP')?.unit.id).toBe('bo-chi-huy-bo-doi-bien-phong-tinh');
    expect(defaultUnitDirectory.lookup('MTTQ')?.unit.name).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh');
    expect(defaultUnitDirectory.lookup('Ủy ban nhân dân tỉnh')?.unit.id).toBe('ubnd-tinh');
    expect(defaultUnitDirectory.bySymbol('SNgV')?.name).toBe('Sở Ngoại vụ');
    expect(defaultUnitDirectory.bySymbol('UBND')?.id).toBe('ubnd-tinh');
  });

  it('normalises Unicode forms, case and white space', () => {
    const nfd = 'Sở   Tư pháp'.normalize('NFD');
    expect(defaultUnitDirectory.lookup(nfd)).toMatchObject({ unit: { id: 'so-tu-phap' }, match: 'exact' });
    expect(defaultUnitDirectory.lookup(' công AN tỉnh ')).toMatchObject({ unit: { id: 'cong-an-tinh' }, match: 'exact' });
  });

  it('tolerates a missing or wrong diacritic and small misspellings', () => {
    expect(defaultUnitDirectory.lookup('Cong an tinh')).toMatchObject({ unit: { id: 'cong-an-tinh' }, match: 'folded' });
    expect(defaultUnitDirectory.lookup('Sở Ngọai vụ')).toMatchObject({ unit: { id: 'so-ngoai-vu' }, match: 'folded' });
    expect(defaultUnitDirectory.lookup('Sở Ngoại vũ')).toMatchObject({ unit: { id: 'so-ngoai-vu' }, match: 'folded' });
    expect(defaultUnitDirectory.lookup('Phòng Hợp tác quôc tế')).toMatchObject({ unit: { id: 'phong-hop-tac-quoc-te' } });
    expect(defaultUnitDirectory.lookup('Sở Tư phap')).toMatchObject({ unit: { id: 'so-tu-phap' } });
    expect(defaultUnitDirectory.lookup('Sở Kế hoach và Đầu tư')).toMatchObject({ unit: { id: 'so-ke-hoach-va-dau-tu' } });
    expect(defaultUnitDirectory.lookup('Phòng Hợp tác quóc tê')).toMatchObject({ unit: { id: 'phong-hop-tac-quoc-te' } });
    expect(defaultUnitDirectory.lookup('Phong Hop tac quoc tex')).toMatchObject({ unit: { id: 'phong-hop-tac-quoc-te' }, match: 'fuzzy' });
  });

  it('does not take a different unit for a misspelling', () => {
    expect(defaultUnitDirectory.lookup('Sở Y tế')?.unit.id).toBe('so-y-te');
    expect(defaultUnitDirectory.lookup('Sở Xây dựng')?.unit.id).toBe('so-xay-dung');
    expect(defaultUnitDirectory.lookup('Sở Giao thông vận tải')).toBeUndefined();
    expect(defaultUnitDirectory.lookup('Bộ')).toBeUndefined();
  });

  it('matches units inside running text, misspelt or not', () => {
    const text = 'Phối hợp với Cong an tinh trong công tác';
    const match = defaultUnitDirectory.matchAt(text, 'Phối hợp với '.length);
    expect(match?.unit.id).toBe('cong-an-tinh');
    expect(text.slice(match!.end)).toBe(' trong công tác');
    expect(defaultUnitDirectory.matchAt('Văn phòng Sở chủ trì')?.end).toBe('Văn phòng Sở'.length);
  });

  it('can be extended by the user', () => {
    const directory = createUnitDirectory([{ name: 'Phòng Quản lý xuất nhập cảnh', id: 'pa08', aliases: ['PA08'] }]);
    expect(directory.lookup('PA08')?.unit).toEqual({ id: 'pa08', name: 'Phòng Quản lý xuất nhập cảnh' });
    expect(directory.lookup('Sở Tư pháp')?.unit.id).toBe('so-tu-phap');
    expect(defaultUnitDirectory.lookup('PA08')).toBeUndefined();
    const more = directory.extend([{ name: 'Đội Cảnh sát', symbols: ['ĐCS'] }]);
    expect(more.lookup('PA08')?.unit.id).toBe('pa08');
    expect(more.bySymbol('ĐCS')?.name).toBe('Đội Cảnh sát');
  });
});

describe('unit lists', () => {
  it('splits on commas and "và", keeping collective phrases whole', () => {
    expect(idsOf('Công an tỉnh, Bộ đội Biên phòng tỉnh và các sở, ngành liên quan trong trao đổi')).toEqual([
      'cong-an-tinh',
      'bo-chi-huy-bo-doi-bien-phong-tinh',
      'cac-so-ban-nganh',
    ]);
    expect(idsOf('Sở Nội vụ, UBND các huyện, thành phố, thị xã và các sở, ban, ngành')).toEqual([
      'so-noi-vu',
      'ubnd-cac-huyen-thanh-pho-thi-xa',
      'cac-so-ban-nganh',
    ]);
    expect(idsOf('Sở Văn hóa, Thể thao và Du lịch, Sở Y tế')).toEqual(['so-van-hoa-the-thao-va-du-lich', 'so-y-te']);
  });

  it('reads units the directory does not know, up to the verb', () => {
    expect(idsOf('Sở Giao thông vận tải và Sở Y tế thực hiện')).toEqual(['so-giao-thong-van-tai', 'so-y-te']);
    expect(idsOf('các hội, đoàn thể liên quan theo dõi')).toEqual(['cac-hoi-doan-the-lien-quan']);
  });

  it('does not read verbs that look like unit heads', () => {
    expect(idsOf('Phòng, chống tội phạm')).toEqual([]);
    expect(idsOf('Ban hành quy chế')).toEqual([]);
  });
});
