// The layouts of real plans, each in a short text written for this test.
import { createUnitDirectory, findDeadline, importPlan, type TaskDraft } from '@planlog/import-vn';
import { describe, expect, it } from 'vitest';

const HEADER = `ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ

Số: 31/KH-UBND

Quảng Trị, ngày 02 tháng 02 năm 2026

KẾ HOẠCH

Bảo tồn làng nghề truyền thống năm 2026
`;
const read = (body: string) => importPlan(`${HEADER}\n${body}`);
const byRef = (tasks: TaskDraft[], ref: string) => {
  const task = tasks.find((candidate) => candidate.ref === ref);
  if (!task) throw new Error(`no task ${ref} among ${tasks.map((t) => t.ref).join(', ')}`);
  return task;
};
const names = (task: TaskDraft) => ({ lead: task.lead?.name, support: task.support.map((unit) => unit.name), deadline: task.deadline });

describe('labelled fields', () => {
  it('unbulleted "Đơn vị chủ trì / phối hợp / Thời gian thực hiện" lines belong to the bullet above, and to a bullet before it that has none', () => {
    const { plan, warnings } = read(`I. NHIỆM VỤ

1. Khôi phục nghề dệt

- Khảo sát các hộ còn giữ khung dệt.

- Mở lớp truyền nghề cho thanh niên.

Đơn vị chủ trì thực hiện: Sở Văn hóa, Thể thao và Du lịch.

Đơn vị phối hợp: Sở Công Thương; các cơ quan, đơn vị liên quan.

Thời gian thực hiện: Quý II/2026.
`);
    expect(names(byRef(plan.tasks, 'I.1-2'))).toEqual({
      lead: 'Sở Văn hóa, Thể thao và Du lịch',
      support: ['Sở Công Thương', 'Các cơ quan, đơn vị liên quan'],
      deadline: { kind: 'quarter', year: 2026, quarter: 2 },
    });
    expect(names(byRef(plan.tasks, 'I.1-1'))).toEqual(names(byRef(plan.tasks, 'I.1-2')));
    expect(byRef(plan.tasks, 'I.1-2').reasons).toEqual({ lead: 'label "Đơn vị chủ trì thực hiện"', support: 'label "Đơn vị phối hợp"', deadline: 'label "Thời gian thực hiện"' });
    expect(byRef(plan.tasks, 'I.1-2').source.lines).toEqual([17, 23]);
    expect(warnings.some((warning) => warning.message.includes('also apply to I.1-1'))).toBe(true);
  });

  it('"- Nội dung: …" and "- Cơ quan thực hiện: X chủ trì, phối hợp với Y, Z": one task, and the label lines are not tasks', () => {
    const { plan } = read(`I. NỘI DUNG

1. Quảng bá sản phẩm làng nghề

- Nội dung: Dựng gian hàng tại hội chợ xuân.

- Cơ quan thực hiện: Sở Công Thương chủ trì, phối hợp với Sở Tài chính, Ủy ban nhân dân các xã, phường và các đơn vị có liên quan.

- Thời gian thực hiện: năm 2026 và các năm tiếp theo.
`);
    expect(plan.tasks.map((task) => task.ref)).toEqual(['I.1']);
    expect(names(plan.tasks[0]!)).toEqual({
      lead: 'Sở Công Thương',
      support: ['Sở Tài chính', 'UBND các xã, phường', 'Các đơn vị liên quan'],
      deadline: { kind: 'ongoing' },
    });
    expect(plan.tasks[0]!.details).toContain('Dựng gian hàng tại hội chợ xuân');
  });

  it('"a) Nhiệm vụ … b) Cơ quan thực hiện: - Đơn vị chủ trì … c) Thời gian thực hiện": one task for the numbered item', () => {
    const { plan } = read(`II. NHIỆM VỤ

1. Số hóa hồ sơ nghệ nhân:

a) Nhiệm vụ: Chụp ảnh, ghi âm và lưu trữ kỹ thuật của từng nghệ nhân.

b) Cơ quan thực hiện:

- Đơn vị chủ trì: Sở Khoa học và Công nghệ.

- Đơn vị phối hợp: Các sở, ban, ngành.

c) Thời gian thực hiện: Hoàn thành trong năm 2026.
`);
    expect(plan.tasks.map((task) => task.ref)).toEqual(['II.1']);
    expect(names(plan.tasks[0]!)).toEqual({ lead: 'Sở Khoa học và Công nghệ', support: ['Các sở, ban, ngành'], deadline: { kind: 'year', year: 2026 } });
  });
});

describe('annex task tables', () => {
  const table = (separator: (cells: string[]) => string) => `I. TỔ CHỨC THỰC HIỆN

1. Sở Công Thương chủ trì theo dõi chung, thường xuyên.

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Hồ Văn Nam

PHỤ LỤC

DANH MỤC NHIỆM VỤ

${[
  ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'],
  ['I', 'ĐÀO TẠO', '', '', ''],
  ['1', 'Mở lớp dạy nghề gốm.', 'Sở Nội vụ', 'Sở Tài chính; UBND các xã, phường', 'Quí III-2026'],
  ['II', 'THỊ TRƯỜNG', '', '', ''],
  ['1', 'Xây dựng nhãn hiệu chung.', 'Sở Khoa học và Công nghệ', 'Hiệp hội Doanh nghiệp tỉnh', '2026 - 2028'],
]
  .map(separator)
  .join('\n')}
`;

  for (const [layout, separator] of [
    ['tab-separated', (cells: string[]) => cells.join('\t')],
    ['pipe-separated', (cells: string[]) => `| ${cells.join(' | ')} |`],
  ] as const) {
    it(`reads ${layout} rows as tasks, group rows as their headings`, () => {
      const { plan, warnings } = read(table(separator));
      const rows = plan.tasks.filter((task) => task.ref.startsWith('PL.'));
      expect(rows.map((task) => [task.ref, task.headings[0], ...Object.values(names(task))])).toEqual([
        ['PL.I.1', 'ĐÀO TẠO', 'Sở Nội vụ', ['Sở Tài chính', 'UBND các xã, phường'], { kind: 'quarter', year: 2026, quarter: 3 }],
        ['PL.II.1', 'THỊ TRƯỜNG', 'Sở Khoa học và Công nghệ', ['Hiệp hội Doanh nghiệp tỉnh'], { kind: 'year', year: 2028 }],
      ]);
      expect(rows[0]!.reasons.lead).toBe('annex table, column "Cơ quan chủ trì"');
      expect(warnings.filter((warning) => warning.message.startsWith('not read'))).toEqual([]);
      expect(plan.signer).toEqual({ title: 'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH', name: 'Hồ Văn Nam' });
    });
  }
});

describe('annex task tables written one cell per line', () => {
  it('reads the header cells, then one row per number (a roman number and its title are a group row)', () => {
    const cells = ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian', 'I', 'ĐÀO TẠO', '1', 'Mở lớp dạy nghề gốm.', 'Sở Nội vụ', 'các sở, ngành liên quan', 'Quý III/2026', '2', 'Xây dựng nhãn hiệu chung.', 'Sở Khoa học và Công nghệ', 'Hiệp hội Doanh nghiệp tỉnh', '2026 - 2028'];
    const { plan, warnings } = read(`I. NHIỆM VỤ\n\n1. Sở Công Thương chủ trì theo dõi chung.\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\nHồ Văn Nam\n\nPHỤ LỤC\n\n${cells.join('\n\n')}\n`);
    expect(plan.tasks.filter((task) => task.ref.startsWith('PL.')).map((task) => [task.ref, task.headings[0], ...Object.values(names(task))])).toEqual([
      ['PL.1', 'ĐÀO TẠO', 'Sở Nội vụ', ['Các sở, ban, ngành'], { kind: 'quarter', year: 2026, quarter: 3 }],
      ['PL.2', 'ĐÀO TẠO', 'Sở Khoa học và Công nghệ', ['Hiệp hội Doanh nghiệp tỉnh'], { kind: 'year', year: 2028 }],
    ]);
    expect(warnings.filter((warning) => warning.message.startsWith('not read'))).toEqual([]);
  });
});

describe('a Quyết định that issues the plan', () => {
  it('reads the decision as the wrapper and the plan from its own KẾ HOẠCH heading', () => {
    const { plan, warnings } = importPlan(`BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH

Số: 77/QĐ-BVHTTDL

Hà Nội, ngày 03 tháng 3 năm 2026

QUYẾT ĐỊNH

Ban hành Kế hoạch bảo tồn làng nghề

Căn cứ Luật Di sản văn hóa ngày 23 tháng 11 năm 2024;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bảo tồn làng nghề.

Điều 2. Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này.

Nơi nhận:
- Bộ Tài chính;
- Lưu: VT.

BỘ TRƯỞNG
Nguyễn Văn Hòa

KẾ HOẠCH

Bảo tồn làng nghề

I. NỘI DUNG

1. Kiểm kê làng nghề

- Cơ quan chủ trì: Bộ Văn hóa, Thể thao và Du lịch.

- Cơ quan phối hợp: Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.

- Thời hạn ban hành: trước ngày 30 tháng 6 năm 2026.
`);
    expect(plan.title).toBe('Bảo tồn làng nghề');
    expect(plan.number).toBe('77/QĐ-BVHTTDL');
    expect(plan.basis).toContain('Luật Di sản văn hóa ngày 23 tháng 11 năm 2024');
    expect(plan.recipients.map((unit) => unit.name)).toContain('Bộ Tài chính');
    expect(plan.tasks.map((task) => [task.ref, task.lead?.name, task.deadline])).toEqual([
      ['I.1', 'Bộ Văn hóa, Thể thao và Du lịch', { kind: 'date', on: '2026-06-30', before: true }],
    ]);
    expect(warnings.some((warning) => warning.line === 17 && warning.message.startsWith('article of the decision'))).toBe(true);
  });
});

describe('unit headings and co-leads', () => {
  it('"Đề nghị: A, B", "Ủy ban nhân dân xã, phường", a paragraph under a heading, and named communes', () => {
    const { plan } = read(`I. TỔ CHỨC THỰC HIỆN

1. Đề nghị: Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh

a) Vận động hội viên tham gia làng nghề.

2. Ủy ban nhân dân xã, phường

Lập danh sách hộ làm nghề trên địa bàn.

3. Ủy ban nhân dân các xã: Cam Lộ, Hướng Hiệp

- Bố trí mặt bằng trưng bày sản phẩm.
`);
    expect(byRef(plan.tasks, 'I.1.a').lead?.name).toBe('Hội Nông dân tỉnh');
    expect(byRef(plan.tasks, 'I.1.a').reasons.lead).toBe('unit heading');
    expect(byRef(plan.tasks, 'I.2-1').lead?.name).toBe('UBND các xã, phường');
    expect(byRef(plan.tasks, 'I.3-1').lead?.name).toBe('Ủy ban nhân dân các xã: Cam Lộ, Hướng Hiệp');
  });

  it('"Sở Giáo dục và Đào tạo và Sở Y tế chủ trì": two co-leads, the "và" inside the first name kept', () => {
    const { plan, warnings } = read(`I. NỘI DUNG

1. Đưa nghề truyền thống vào giờ ngoại khóa (Sở Giáo dục và Đào tạo và Sở Y tế chủ trì, phối hợp với Sở Nội vụ thực hiện).
`);
    expect(names(plan.tasks[0]!).lead).toBe('Sở Giáo dục và Đào tạo');
    expect(names(plan.tasks[0]!).support).toEqual(['Sở Y tế', 'Sở Nội vụ']);
    expect(warnings.some((warning) => warning.message.includes('names 2 lead units'))).toBe(true);
  });

  it('never reads "Bộ …" as "Sở …"', () => {
    const { plan } = read(`I. NỘI DUNG

1. Báo cáo Bộ Khoa học và Công nghệ kết quả kiểm kê (Bộ Khoa học và Công nghệ chủ trì thực hiện).
`);
    expect(plan.tasks[0]!.lead?.name).toBe('Bộ Khoa học và Công nghệ');
  });
});

describe('deadlines', () => {
  it.each([
    ['năm 2026 - 2027', { kind: 'year', year: 2027 }],
    ['từ ngày 15/11/2026 đến ngày 15/12/2026', { kind: 'date', on: '2026-12-15' }],
    ['năm 2026 và các năm tiếp theo', { kind: 'ongoing' }],
    ['Quý IV năm 2026 và các năm tiếp theo', { kind: 'ongoing' }],
    ['Từ 01/7/2026', { kind: 'ongoing' }],
    ['Quí IV-2026', { kind: 'quarter', year: 2026, quarter: 4 }],
  ])('"%s"', (text, deadline) => {
    const read = findDeadline(text, { year: 2026 });
    expect(read && 'deadline' in read ? read.deadline : read).toEqual(deadline);
  });

  it('dated "+" sub-items under "Thời gian thực hiện:" date the task and make further tasks; a date before the plan is a warning', () => {
    const { plan, warnings } = read(`I. NỘI DUNG

1. Rà soát quy định về làng nghề

- Cơ quan thực hiện: Sở Tư pháp.

- Thời gian thực hiện:

+ Các sở gửi kết quả rà soát về Sở Tư pháp trước ngày 15 tháng 5 năm 2026.

+ Sở Nội vụ tổng hợp, trình Ủy ban nhân dân tỉnh trước ngày 30 tháng 01 năm 2026.
`);
    expect(plan.tasks.map((task) => [task.ref, task.lead?.name, task.deadline])).toEqual([
      ['I.1', 'Sở Tư pháp', { kind: 'date', on: '2026-05-15', before: true }],
      ['I.1+2', 'Sở Nội vụ', { kind: 'date', on: '2026-01-30', before: true }],
    ]);
    expect(warnings.some((warning) => warning.message === "I.1+2: deadline 2026-01-30 is before the plan's date 2026-02-02")).toBe(true);
  });

  it('a report date in a task is not its deadline', () => {
    const { plan } = read(`I. TỔ CHỨC THỰC HIỆN

1. Sở Công Thương theo dõi thực hiện, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/11 hằng năm; hoàn thành tổng kết trong tháng 12/2026.
`);
    expect(plan.tasks[0]!.deadline).toEqual({ kind: 'month', year: 2026, month: 12 });
    // 15/11 falls before the year's data window closes (14/12): kept as written, with allowEarlyDue.
    expect(plan.reporting).toEqual([{ period: 'year', due: { month: 11, day: 15, before: true }, allowEarlyDue: true, to: { id: 'ubnd-tinh', name: 'UBND tỉnh' } }]);
  });
});

describe('reporting', () => {
  it('dues written before their periods ("trước ngày 25 tháng 5 (đối với báo cáo 6 tháng) và trước ngày 10 tháng 10 (đối với báo cáo năm)")', () => {
    const { plan } = read(`I. CHẾ ĐỘ BÁO CÁO

Các đơn vị gửi báo cáo về Sở Nội vụ trước ngày 25 tháng 5 (đối với báo cáo 6 tháng) và trước ngày 10 tháng 10 (đối với báo cáo năm).
`);
    expect(plan.reporting.map((rule) => [rule.period, rule.due])).toEqual([
      ['half', { month: 5, day: 25, before: true }],
      ['year', { month: 10, day: 10, before: true }],
    ]);
  });

  it('"định kỳ trước ngày 01/6 và 15/11 hằng năm": the half-year report and the year report', () => {
    const { plan } = read(`I. TỔ CHỨC THỰC HIỆN

1. Các sở, ban, ngành định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu) báo cáo kết quả về Sở Công Thương.
`);
    expect(plan.reporting.map((rule) => [rule.period, rule.due, rule.to?.name])).toEqual([
      ['year', { month: 11, day: 15, before: true }, 'Sở Công Thương'],
      ['ad-hoc', undefined, 'Sở Công Thương'],
      ['half', { month: 6, day: 1, before: true }, 'Sở Công Thương'],
    ]);
  });
});

describe('unit identity', () => {
  const internal = `${HEADER.replace('ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ', 'SỞ NGOẠI VỤ').replace('KH-UBND', 'KH-SNgV')}
I. NHIỆM VỤ

1. Văn phòng Sở chủ trì, phối hợp với Công an tỉnh rà soát hồ sơ, thường xuyên.
`;

  it("an agency's internal units get the issuer's id in front; province-wide units do not", () => {
    const { plan } = importPlan(internal);
    expect(plan.issuer?.id).toBe('so-ngoai-vu');
    expect(plan.tasks[0]!.lead).toEqual({ id: 'so-ngoai-vu/van-phong-so', name: 'Văn phòng Sở' });
    expect(plan.tasks[0]!.support).toEqual([{ id: 'cong-an-tinh', name: 'Công an tỉnh' }]);
    const other = importPlan(internal.replace('SỞ NGOẠI VỤ', 'SỞ TƯ PHÁP').replace('KH-SNgV', 'KH-STP'));
    expect(other.plan.tasks[0]!.lead?.id).toBe('so-tu-phap/van-phong-so');
  });

  it('"Phòng Tư pháp", "Phòng Tự pháp", "Phòng Tứ pháp" get three ids, each later one with a warning (#14 item 10)', () => {
    const { plan, warnings } = read(`I. NHIỆM VỤ

1. Phòng Tư pháp chủ trì thực hiện, thường xuyên.

2. Phòng Tự pháp chủ trì thực hiện, thường xuyên.

3. Phòng Tứ pháp chủ trì thực hiện, thường xuyên.
`);
    const ids = plan.tasks.map((task) => task.lead?.id.split('/').at(-1));
    expect(ids).toEqual(['phong-tu-phap', 'phong-tu-phap-2', 'phong-tu-phap-3']);
    expect(warnings.filter((warning) => /would share the id "(?:ubnd-tinh\/)?phong-tu-phap"/.test(warning.message)).length).toBe(2);
  });

  it('a directory whose names derive one id gives the later ones a suffix and says so', () => {
    const directory = createUnitDirectory([{ name: 'Phòng Tư pháp' }, { name: 'Phòng Tự pháp' }, { name: 'Phòng Tư pháp', aliases: ['PTP'] }]);
    expect(directory.lookup('Phòng Tự pháp')?.unit.id).toBe('phong-tu-phap-2');
    expect(directory.lookup('Phòng Tư pháp')?.unit.id).toBe('phong-tu-phap');
    expect(directory.collisions).toEqual(['units "Phòng Tư pháp" and "Phòng Tự pháp" would share the id "phong-tu-phap": "Phòng Tự pháp" gets "phong-tu-phap-2"']);
  });
});
