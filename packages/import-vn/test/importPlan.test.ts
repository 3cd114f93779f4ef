import { importPlan } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';

/** A plan in the forms the seeds lack: issued number and date, "Giao … chủ trì", units at the head, due dates of reports. */
const issued = `UBND TỈNH HÀ TĨNH

Số: 88/KH-UBND

Hà Tĩnh, ngày 25 tháng 02 năm 2026

KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 10/CT-TU năm 2026

Thực hiện Chỉ thị số 10/CT-TU ngày 30/01/2026 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Nâng cao hiệu quả phòng, chống tội phạm.

2. Yêu cầu

- Bảo đảm đồng bộ.

II. NHIỆM VỤ, GIẢI PHÁP

1. Giao Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Sở Tư pháp và UBND các huyện, thành phố, thị xã tổng kết; hoàn thành trước ngày 30/6/2026.

2. Sở Nội vụ: Chủ trì, phối hợp với các sở, ban, ngành rà soát tổ chức bộ máy. Thời gian thực hiện: Quý III/2026.

3. Sở Giáo dục và Đào tạo tổ chức tuyên truyền trong trường học (thời hạn: tháng 9/2026).

4. Cong an tinh chủ trì tập huấn nghiệp vụ. Thời hạn: năm 2026.

5. Sở Kế hoạch và Đầu tư bố trí kinh phí; hoàn thành trước ngày 25 tháng 5.

III. TỔ CHỨC THỰC HIỆN

1. Các sở, ban, ngành, UBND các huyện, thành phố, thị xã báo cáo 6 tháng trước ngày 25 tháng 5, báo cáo 9 tháng trước ngày 25 tháng 8, báo cáo năm trước ngày 25 tháng 11 gửi về Công an tỉnh để tổng hợp; báo cáo đột xuất khi có yêu cầu.

Nơi nhận:
- Bộ Công an;
- TT Tỉnh ủy;
- Các sở, ban, ngành;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Võ Trọng Hải
`;

describe('importPlan', () => {
  const { plan, warnings } = importPlan(issued);

  it('reads the header of an issued plan', () => {
    expect(plan.number).toBe('88/KH-UBND');
    expect(plan.symbol).toBe('KH-UBND');
    expect(plan.issuedOn).toBe('2026-02-25');
    expect(plan.draft).toBe(false);
    expect(plan.issuer?.id).toBe('ubnd-tinh');
    expect(plan.title).toBe('Triển khai thực hiện Chỉ thị số 10/CT-TU năm 2026');
    expect(plan.basis).toEqual(['Chỉ thị số 10/CT-TU ngày 30/01/2026 của Ban Thường vụ Tỉnh ủy']);
    expect(plan.objectives).toEqual(['Nâng cao hiệu quả phòng, chống tội phạm.']);
    expect(plan.requirements).toEqual(['Bảo đảm đồng bộ.']);
    expect(plan.signer).toEqual({ title: 'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH', name: 'Võ Trọng Hải' });
  });

  it('reads leads, supports and deadlines in every form', () => {
    const byRef = Object.fromEntries(plan.tasks.map((task) => [task.ref, task]));
    expect(byRef['II.1']).toMatchObject({
      lead: { id: 'cong-an-tinh' },
      support: [{ id: 'bo-chi-huy-bo-doi-bien-phong-tinh' }, { id: 'so-tu-phap' }, { id: 'ubnd-cac-huyen-thanh-pho-thi-xa' }],
      deadline: { kind: 'date', on: '2026-06-30', before: true },
    });
    expect(byRef['II.2']).toMatchObject({ lead: { id: 'so-noi-vu' }, support: [{ id: 'cac-so-ban-nganh' }], deadline: { kind: 'quarter', year: 2026, quarter: 3 } });
    expect(byRef['II.3']).toMatchObject({ lead: { id: 'so-giao-duc-va-dao-tao' }, support: [], deadline: { kind: 'month', year: 2026, month: 9 } });
    expect(byRef['II.4']).toMatchObject({ lead: { id: 'cong-an-tinh' }, deadline: { kind: 'year', year: 2026 } });
    expect(byRef['II.5']).toMatchObject({ lead: { id: 'so-ke-hoach-va-dau-tu' }, deadline: { kind: 'date', on: '2026-05-25', before: true } });
    // Two units at the head: the first leads, the other supports, with a warning.
    expect(byRef['III.1']).toMatchObject({ lead: { id: 'cac-so-ban-nganh' }, support: [{ id: 'ubnd-cac-huyen-thanh-pho-thi-xa' }] });
    expect(warnings).toContainEqual({ line: 36, message: expect.stringContaining('names 2 lead units') });
    expect(warnings.some((warning) => warning.message.includes('UBND TỈNH'))).toBe(false);
  });

  it('reads the reporting regime with due dates and recipient', () => {
    const to = { id: 'cong-an-tinh', name: 'Công an tỉnh' };
    expect(plan.reporting).toEqual([
      // Each due before its data window closes (14/6, 14/9, 14/12): kept as written, with a warning.
      { period: 'half', due: { month: 5, day: 25, before: true }, allowEarlyDue: true, to },
      { period: 'nine-months', due: { month: 8, day: 25, before: true }, allowEarlyDue: true, to },
      { period: 'year', due: { month: 11, day: 25, before: true }, allowEarlyDue: true, to },
      { period: 'ad-hoc' },
    ]);
    expect(warnings.filter((warning) => warning.message.includes('before its data window closes'))).toHaveLength(3);
  });

  it('reads recipients and warns for what it does not know', () => {
    expect(plan.recipients.map((unit) => unit.id)).toEqual(['bo-cong-an', 'tt-tinh-uy', 'cac-so-ban-nganh']);
    expect(warnings).toContainEqual({ line: 40, message: expect.stringContaining('"TT Tỉnh ủy" is not a known unit') });
    expect(warnings).toContainEqual({ line: 30, message: expect.stringContaining('"Cong an tinh" read as "Công an tỉnh"') });
  });

  it('turns a blank date into a warning, not a guess', () => {
    const { plan: draft, warnings: draftWarnings } = importPlan('Số: /KH-SNgV\n\nHà Tĩnh, ngày    tháng 3 năm 2026\n\nKẾ HOẠCH\n\nTiêu đề\n');
    expect(draft).toMatchObject({ symbol: 'KH-SNgV', draft: true, issuer: { id: 'so-ngoai-vu' } });
    expect(draft.number).toBeUndefined();
    expect(draft.issuedOn).toBeUndefined();
    expect(draftWarnings).toContainEqual({ line: 3, message: expect.stringContaining('has blanks') });
  });

  it('reports every paragraph it cannot place', () => {
    const { warnings: noise } = importPlan('KẾ HOẠCH\n\nTiêu đề\n\nI. NỘI DUNG\n\n1. Làm việc A.\n\nNơi nhận:\n- UBND tỉnh;\n\nmột đoạn lạc chỗ\n');
    expect(noise).toContainEqual({ line: 12, message: expect.stringContaining('not read') });
  });
});
