import { unit, unitOf, type SeedPlan } from './SeedPlan.js';

// Seed: ke-hoach-stp-phong-chong-toi-pham-mua-ban-nguoi-2026.txt (Sở Tư pháp Hà Tĩnh, draft of April 2026).
//
// Reading notes:
// - Tasks are the items of section II (NHIỆM VỤ, PHÂN CÔNG THỰC HIỆN); each names its units in the
//   closing parenthesis. Section III (TỔ CHỨC THỰC HIỆN) is the follow-up and reporting regime:
//   Phòng Kiểm tra văn bản quy phạm pháp luật gathers reports; it is encoded as `reporting[].to`.
// - No item carries a "Thời hạn". The plan is the plan "năm 2026", so an item without one is due
//   by the end of the year ({ kind: 'year', year: 2026 }), except II.1.a, which the text itself calls
//   "nhiệm vụ quan trọng, thường xuyên và lâu dài" (ongoing).
// - II.2.c names two units before "phối hợp": Phòng Hành chính và Bổ trợ tư pháp; Trung tâm Trợ
//   giúp pháp lý nhà nước tỉnh. A task has one lead, so the first named leads and the second is
//   encoded first among the support units.

const issuer = unit('Sở Tư pháp');
const allUnits = unitOf(issuer, 'Các Phòng, Trung tâm thuộc Sở');
const legalEducation = unitOf(issuer, 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật');
const specialistUnits = unitOf(issuer, 'Các Phòng chuyên môn');
const judicialSupport = unitOf(issuer, 'Phòng Hành chính và Bổ trợ tư pháp');
const legalAid = unitOf(issuer, 'Trung tâm Trợ giúp pháp lý nhà nước tỉnh');
const lawMaking = unitOf(issuer, 'Phòng Xây dựng pháp luật');
const relatedAgencies = unit('Các cơ quan liên quan');
const reviewUnit = unitOf(issuer, 'Phòng Kiểm tra văn bản quy phạm pháp luật');

const endOf2026 = { kind: 'year', year: 2026 } as const;

export const stpTraffickingPlan2026: SeedPlan = {
  source: 'ke-hoach-stp-phong-chong-toi-pham-mua-ban-nguoi-2026.txt',
  title: 'Thực hiện công tác phòng, chống tội phạm và phòng, chống mua bán người năm 2026',
  number: null, // "Số: /KH-STP": not yet issued
  symbol: 'KH-STP',
  datedMonth: { year: 2026, month: 4 },
  issuer,
  basis: [
    'Kế hoạch số 121/KH-BCĐ138 ngày 07/4/2026 của Ban Chỉ đạo 138 tỉnh về thực hiện công tác phòng, chống tội phạm và phòng, chống mua bán người năm 2026',
  ],
  objectives: [
    'Tổ chức thực hiện hiệu quả các chỉ thị, nghị quyết của Đảng, Quốc hội, Chiến lược, Chương trình của Chính phủ về phòng, chống tội phạm, giữ vững an ninh chính trị, trật tự, an toàn xã hội năm 2026',
    'Phát huy sức mạnh tổng hợp của cả hệ thống chính trị và toàn dân; kết hợp chủ động phòng ngừa với phát hiện, đấu tranh, xử lý nghiêm minh; không để hình thành "điểm nóng" về an ninh, trật tự',
    'Xác định rõ trách nhiệm của người đứng đầu cấp ủy, các Phòng, Trung tâm thuộc Sở; nâng cao hiệu quả phối hợp giữa các Phòng, Trung tâm thuộc Sở',
    'Tăng cường ứng dụng khoa học kỹ thuật, chuyển đổi số; khai thác Cơ sở dữ liệu quốc gia về dân cư, Đề án 06/CP phục vụ phòng, chống tội phạm, mua bán người',
    'Hưởng ứng "Ngày toàn dân phòng, chống mua bán người" và "Ngày thế giới phòng, chống mua bán người 30/7"; tiếp nhận, xác minh, giải cứu, bảo vệ và hỗ trợ nạn nhân, lấy nạn nhân là trung tâm',
  ],
  requirements: [],
  tasks: [
    {
      ref: 'II.1.a',
      title: 'Lãnh đạo, chỉ đạo thực hiện các chỉ thị, nghị quyết của Trung ương và của tỉnh về phòng, chống tội phạm, mua bán người',
      lead: allUnits,
      support: [],
      deadline: { kind: 'ongoing' }, // "nhiệm vụ quan trọng, thường xuyên và lâu dài"
    },
    {
      ref: 'II.1.b',
      title: 'Phát huy vai trò lãnh đạo của cấp ủy, chi bộ, trách nhiệm nêu gương của cán bộ, đảng viên và thủ trưởng đơn vị',
      lead: allUnits,
      support: [],
      deadline: endOf2026, // no Thời hạn: the plan's year
    },
    {
      ref: 'II.2.a',
      title: 'Rà soát, khắc phục sơ hở, thiếu sót trong các lĩnh vực quản lý nhà nước, không để tội phạm lợi dụng',
      lead: allUnits,
      support: [],
      deadline: endOf2026, // no Thời hạn: the plan's year
    },
    {
      ref: 'II.2.b',
      title: 'Đẩy mạnh, đổi mới tuyên truyền phòng, chống tội phạm, mua bán người; truyền thông trên nền tảng số',
      lead: legalEducation,
      support: [specialistUnits],
      deadline: endOf2026, // no Thời hạn: the plan's year
    },
    {
      ref: 'II.2.c',
      title: 'Tuyên truyền phòng, chống mua bán người, mua bán trẻ em lồng ghép trong trợ giúp pháp lý, nuôi con nuôi, hộ tịch, quốc tịch',
      lead: judicialSupport,
      support: [legalAid, specialistUnits], // Trung tâm TGPL is named beside the lead in the text
      deadline: endOf2026, // no Thời hạn: the plan's year
    },
    {
      ref: 'II.2.d',
      title: 'Nâng cao hiệu quả hòa giải ở cơ sở, không để phát sinh "điểm nóng" về an ninh, trật tự',
      lead: legalEducation,
      support: [specialistUnits],
      deadline: endOf2026, // no Thời hạn: the plan's year
    },
    {
      ref: 'II.3',
      title: 'Phối hợp rà soát văn bản pháp luật về phòng, chống tội phạm; kiến nghị sửa đổi, bổ sung, hoàn thiện thể chế',
      lead: lawMaking,
      support: [relatedAgencies],
      deadline: endOf2026, // no Thời hạn: the plan's year
    },
  ],
  // "Định kỳ và đột xuất theo yêu cầu … báo cáo … về Phòng Kiểm tra văn bản quy phạm pháp luật".
  // The text does not name the period of "định kỳ"; quarterly and annual are assumed, as in the
  // Ban Chỉ đạo 138 regime the plan implements (the seed Báo cáo is such a quarterly report).
  reporting: [
    { period: 'quarter', to: reviewUnit },
    { period: 'year', to: reviewUnit },
    { period: 'ad-hoc', to: reviewUnit },
  ],
  reportingText:
    'Định kỳ và đột xuất theo yêu cầu, tổng hợp, báo cáo tình hình, kết quả thực hiện về Phòng Kiểm tra văn bản quy phạm pháp luật để tổng hợp, báo cáo Lãnh đạo Sở và Ban Chỉ đạo 138 tỉnh theo quy định.',
  recipients: [
    unit('UBND tỉnh'),
    unit('Ban Chỉ đạo 138 tỉnh'),
    unit('Công an tỉnh'), // "(để biết)"
    allUnits,
  ],
  signer: { capacity: 'KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC', name: 'Đinh Văn Hồng' },
};
