import { unit, unitOf, type HandEncodedPlan } from './HandEncodedPlan.js';

// Sample: ke-hoach-stp-pbgdpl-2026.txt (Sở Tư pháp of the fictional tỉnh Sông Hậu, 52/KH-STP,
// issued 06/4/2026).
//
// Reading notes:
// - The tasks are the lettered items of section II (NHIỆM VỤ CỤ THỂ); each names its units in the
//   closing bracket ("Phòng X chủ trì, phối hợp với Y thực hiện") and mostly its deadline there too
//   ("hoàn thành trong Quý II/2026"). II.1.c and II.3.a have theirs in a "Thời gian thực hiện:
//   thường xuyên." paragraph after the item.
// - Section III (TỔ CHỨC THỰC HIỆN) assigns three more items, each to the unit it starts with.
//   III.1 and III.3 give no deadline: they run through the plan year (ongoing).
// - Section IV (CHẾ ĐỘ BÁO CÁO): reports to Phòng Pháp chế và Phổ biến, giáo dục pháp luật: quarterly
//   before the 10th of the quarter's last month, 6-month reports before 25 May, annual reports before
//   10 November, ad-hoc reports on request. Each periodic report is due before Decree 09's data window
//   closes (the 14th of the period's last month): the plan means it, so allowEarlyDue is set.

const issuer = unit('Sở Tư pháp');
const legalEducation = unitOf(issuer, 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật');
const lawMaking = unitOf(issuer, 'Phòng Xây dựng pháp luật');
const office = unitOf(issuer, 'Văn phòng Sở');
const allUnits = unitOf(issuer, 'Các Phòng, Trung tâm thuộc Sở');
const review = unitOf(issuer, 'Phòng Kiểm tra văn bản quy phạm pháp luật');
const legalAid = unitOf(issuer, 'Trung tâm Trợ giúp pháp lý nhà nước tỉnh');
const judicialSupport = unitOf(issuer, 'Phòng Hành chính và Bổ trợ tư pháp');
const communes = unit('UBND các xã, phường');

const ongoing = { kind: 'ongoing' } as const;
const quarter = (q: 1 | 2 | 3 | 4) => ({ kind: 'quarter', year: 2026, quarter: q }) as const;
const before = (on: string) => ({ kind: 'date', on, before: true }) as const;

export const stpLegalEducationPlan2026: HandEncodedPlan = {
  source: 'ke-hoach-stp-pbgdpl-2026.txt',
  title: 'Công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở và trợ giúp pháp lý năm 2026',
  number: '52/KH-STP',
  issuedOn: '2026-04-06',
  issuer,
  basis: [
    'Kế hoạch số 40/KH-UBND ngày 27/02/2026 của UBND tỉnh Sông Hậu về công tác phổ biến, giáo dục pháp luật năm 2026',
    'Kế hoạch số 12/KH-HĐPH ngày 16/3/2026 của Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh',
  ],
  objectives: [
    'Đưa pháp luật đến gần người dân, doanh nghiệp, nhất là những quy định mới có hiệu lực trong năm 2026',
    'Nâng cao chất lượng hòa giải ở cơ sở và trợ giúp pháp lý cho người thuộc diện được trợ giúp pháp lý',
  ],
  requirements: [
    'Nội dung phổ biến có trọng tâm, phù hợp với từng nhóm đối tượng; ưu tiên hình thức trực tuyến và nền tảng số',
    'Các Phòng, Trung tâm thuộc Sở phối hợp chặt chẽ, tránh trùng lặp; kết quả được đo bằng số liệu cụ thể',
  ],
  tasks: [
    { ref: 'II.1.a', title: 'Tham mưu ban hành danh mục văn bản pháp luật mới cần phổ biến năm 2026', lead: legalEducation, support: [], deadline: before('2026-04-30') },
    { ref: 'II.1.b', title: 'Hội nghị phổ biến các luật, nghị quyết mới cho cán bộ chủ chốt', lead: legalEducation, support: [lawMaking], deadline: quarter(2) },
    { ref: 'II.1.c', title: 'Cập nhật, số hóa tài liệu phổ biến pháp luật trên Trang thông tin điện tử', lead: office, support: [allUnits], deadline: ongoing },
    { ref: 'II.1.d', title: 'Tổ chức Ngày Pháp luật Việt Nam năm 2026', lead: legalEducation, support: [office], deadline: before('2026-11-09') },
    { ref: 'II.2.a', title: 'Tập huấn kỹ năng hòa giải cho hòa giải viên ở cơ sở', lead: legalEducation, support: [communes], deadline: quarter(3) },
    { ref: 'II.2.b', title: 'Hướng dẫn đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật', lead: legalEducation, support: [], deadline: { kind: 'month', year: 2026, month: 12 } },
    { ref: 'II.2.c', title: 'Kiểm tra việc thực hiện pháp luật về hòa giải ở cơ sở', lead: review, support: [legalEducation], deadline: quarter(3) },
    { ref: 'II.3.a', title: 'Thực hiện trợ giúp pháp lý; tham gia tố tụng theo yêu cầu', lead: legalAid, support: [], deadline: ongoing },
    { ref: 'II.3.b', title: 'Truyền thông về trợ giúp pháp lý tại các xã vùng sâu, vùng xa', lead: judicialSupport, support: [legalAid], deadline: { kind: 'half', year: 2026, half: 1 } },
    { ref: 'II.3.c', title: 'Rà soát, đánh giá chất lượng vụ việc trợ giúp pháp lý năm 2025', lead: judicialSupport, support: [legalAid], deadline: { kind: 'month', year: 2026, month: 6 } },
    { ref: 'II.3.d', title: 'Tổng kết 05 năm Đề án truyền thông về trợ giúp pháp lý', lead: legalAid, support: [office], deadline: { kind: 'year', year: 2026 } },
    { ref: 'III.1', title: 'Đầu mối theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch', lead: legalEducation, support: [], deadline: ongoing },
    { ref: 'III.2', title: 'Bố trí kinh phí thực hiện Kế hoạch', lead: office, support: [legalEducation], deadline: before('2026-05-25') },
    { ref: 'III.3', title: 'Chủ động triển khai nhiệm vụ được giao', lead: allUnits, support: [], deadline: ongoing },
  ],
  reporting: [
    { period: 'quarter', due: { day: 10, before: true, monthsAfterCutOff: 0 }, allowEarlyDue: true, to: legalEducation },
    { period: 'half', due: { month: 5, day: 25, before: true }, allowEarlyDue: true, to: legalEducation },
    { period: 'year', due: { month: 11, day: 10, before: true }, allowEarlyDue: true, to: legalEducation },
    { period: 'ad-hoc' },
  ],
  reportingText:
    'Các Phòng, Trung tâm thuộc Sở báo cáo kết quả thực hiện về Phòng Pháp chế và Phổ biến, giáo dục pháp luật: báo cáo hằng quý trước ngày 10 của tháng cuối quý, báo cáo 6 tháng trước ngày 25 tháng 5 và báo cáo năm trước ngày 10 tháng 11; báo cáo đột xuất theo yêu cầu của Giám đốc Sở.',
  recipients: [unit('UBND tỉnh'), unit('Bộ Tư pháp'), unitOf(issuer, 'Ban Giám đốc Sở'), allUnits],
  signer: { capacity: 'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC', name: 'Lê Thị Thanh Hương' },
};
