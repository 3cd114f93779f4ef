import { unit, unitOf, type SeedPlan } from './SeedPlan.js';

// Seed: ke-hoach-sngv-bao-ve-bmnn-2026.txt (Sở Ngoại vụ Hà Tĩnh, draft of April 2026).
//
// Reading notes:
// - Section III (PHÂN CÔNG NHIỆM VỤ) assigns work to named units with a "Thời hạn" after the
//   bullets it covers: each work bullet is a task ("III.1-2" is the 2nd work bullet under III.1; the
//   "Thời hạn" bullets are deadlines, not tasks). III.1-1 is due in Quý II/2026; the rest are
//   "Thực hiện thường xuyên" (ongoing).
// - Section II (NỘI DUNG TRỌNG TÂM) lists the content every unit carries out: section IV gives it to
//   "Trưởng các phòng, đơn vị thuộc Sở … triển khai thực hiện tại đơn vị mình", encoded as one group
//   lead. II.2 (rà soát, sửa đổi Quy chế bảo vệ BMNN của Sở) is not a task of its own: III.1-1 gives
//   exactly that work to Văn phòng Sở with the Quý II/2026 deadline.
// - Section II items carry no "Thời hạn": one-off or yearly work (quán triệt and ký cam kết, đưa vào
//   thi đua hằng năm, tập huấn) is due by the end of 2026, the plan's year; standing work the text
//   calls "thường xuyên" or "định kỳ và đột xuất" is ongoing. Each says which below.

const issuer = unit('Sở Ngoại vụ');
const office = unitOf(issuer, 'Văn phòng Sở');
const consular = unitOf(issuer, 'Phòng Lãnh sự - Biên giới');
const cooperation = unitOf(issuer, 'Phòng Hợp tác quốc tế');
const translation = unitOf(issuer, 'Trung tâm Dịch thuật và Dịch vụ đối ngoại');
const allUnits = unitOf(issuer, 'Các phòng, đơn vị thuộc Sở');
const specialistUnits = unitOf(issuer, 'Các phòng chuyên môn');
const police = unit('Công an tỉnh');
const relatedAgencies = unit('Các cơ quan liên quan');
const press = unit('Các cơ quan báo chí, truyền thông');

const endOf2026 = { kind: 'year', year: 2026 } as const;
const ongoing = { kind: 'ongoing' } as const;

export const sngvStateSecretsPlan2026: SeedPlan = {
  source: 'ke-hoach-sngv-bao-ve-bmnn-2026.txt',
  title:
    'Triển khai thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ “về tăng cường công tác bảo vệ bí mật nhà nước trong tình hình mới”',
  number: null, // "Số: /KH-SNgV": not yet issued
  symbol: 'KH-SNgV',
  datedMonth: { year: 2026, month: 4 },
  issuer,
  basis: [
    'Kế hoạch số 170/KH-UBND ngày 02/4/2026 của Ủy ban nhân dân tỉnh về triển khai thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ “về tăng cường công tác bảo vệ bí mật nhà nước (BMNN) trong tình hình mới”',
  ],
  objectives: [
    'Đẩy mạnh tuyên truyền, phổ biến, quán triệt pháp luật bảo vệ BMNN; nâng cao ý thức, trách nhiệm của cán bộ, công chức, viên chức và người lao động, nhất là người đứng đầu',
    'Khắc phục tồn tại, hạn chế trong công tác bảo vệ BMNN; không để xảy ra lộ, mất BMNN trong bối cảnh chuyển đổi số và hội nhập quốc tế',
    'Triển khai đồng bộ, thường xuyên, gắn với nhiệm vụ chuyên môn của từng phòng, đơn vị; xác định rõ trách nhiệm của người đứng đầu',
  ],
  requirements: [],
  tasks: [
    {
      ref: 'II.1',
      title: 'Quán triệt Chỉ thị số 32/CT-TTg, Luật Bảo vệ BMNN năm 2025; 100% cán bộ, công chức ký cam kết bảo vệ BMNN',
      lead: allUnits,
      support: [],
      deadline: endOf2026, // one-off quán triệt and cam kết: by the end of the plan's year
    },
    {
      ref: 'II.3',
      title: 'Kiểm soát thông tin trong hoạt động đối ngoại; phân loại, đóng dấu, lưu giữ tài liệu mật; quản lý phiên dịch, cộng tác viên',
      lead: allUnits,
      support: [],
      deadline: ongoing, // standing control ("thường xuyên", I.3)
    },
    {
      ref: 'II.4',
      title: 'Thường xuyên kiểm tra an toàn email công vụ, phần mềm quản lý văn bản, thiết bị lưu trữ; triển khai hệ thống quản lý văn bản mật',
      lead: allUnits,
      support: [],
      deadline: ongoing, // "Thường xuyên kiểm tra, đánh giá"
    },
    {
      ref: 'II.5',
      title: 'Nâng cao trách nhiệm người đứng đầu; đưa tiêu chí bảo vệ BMNN vào đánh giá, thi đua, khen thưởng hằng năm',
      lead: allUnits,
      support: [],
      deadline: endOf2026, // "hằng năm": this year's đánh giá, bình xét
    },
    {
      ref: 'II.6',
      title: 'Tập huấn, bồi dưỡng kỹ năng bảo vệ BMNN và an ninh mạng trong hoạt động đối ngoại',
      lead: allUnits,
      support: [police, relatedAgencies], // "phối hợp với Công an tỉnh và các cơ quan liên quan"
      deadline: endOf2026, // a training round in the plan's year
    },
    {
      ref: 'II.7',
      title: 'Kiểm tra, giám sát việc thực hiện công tác bảo vệ BMNN định kỳ và đột xuất',
      lead: allUnits,
      support: [],
      deadline: ongoing, // "theo định kỳ và đột xuất"
    },
    {
      ref: 'III.1-1',
      title: 'Tham mưu ban hành, rà soát, cập nhật Quy chế bảo vệ BMNN của Sở; quản lý văn thư, lưu trữ, con dấu; tổng hợp, báo cáo',
      lead: office,
      support: [],
      deadline: { kind: 'quarter', year: 2026, quarter: 2 }, // "Hoàn thành rà soát, tham mưu sửa đổi, bổ sung trong Quý II/2026"
    },
    {
      ref: 'III.1-2',
      title: 'Kiểm duyệt nội dung trước khi cung cấp ra bên ngoài; phối hợp với báo chí, truyền thông',
      lead: office,
      support: [press],
      deadline: ongoing, // "Thực hiện thường xuyên"
    },
    {
      ref: 'III.2-1',
      title: 'Quản lý chặt chẽ thông tin về người nước ngoài; kiểm soát cung cấp, trao đổi thông tin trong hoạt động lãnh sự',
      lead: consular,
      support: [],
      deadline: ongoing, // "Thực hiện thường xuyên"
    },
    {
      ref: 'III.3-1',
      title: 'Kiểm soát nội dung chương trình, dự án hợp tác và thỏa thuận quốc tế; trao đổi thông tin với đối tác nước ngoài đúng quy định',
      lead: cooperation,
      support: [],
      deadline: ongoing, // "Thực hiện thường xuyên"
    },
    {
      ref: 'III.4-1',
      title: 'Quản lý hoạt động dịch thuật, dịch vụ đối ngoại; rà soát tài liệu trước, trong và sau khi dịch; ký cam kết với phiên dịch, cộng tác viên',
      lead: translation,
      support: [],
      deadline: ongoing, // "Thực hiện thường xuyên"
    },
    {
      ref: 'III.4-2',
      title: 'Phối hợp kiểm soát thông tin khi phục vụ đoàn ra, đoàn vào, hội nghị, hội thảo quốc tế',
      lead: translation,
      support: [specialistUnits],
      deadline: ongoing, // "Thực hiện thường xuyên"
    },
  ],
  reporting: [
    { period: 'half', to: office },
    { period: 'year', to: office },
    { period: 'ad-hoc', to: office },
  ],
  reportingText:
    'Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; định kỳ tổng hợp, báo cáo Giám đốc Sở và cơ quan có thẩm quyền theo quy định; … thực hiện chế độ báo cáo định kỳ 6 tháng, hằng năm hoặc đột xuất khi có yêu cầu.',
  recipients: [
    unit('UBND tỉnh'), // "(để b/c)"
    unit('Công an tỉnh'),
    unitOf(issuer, 'Ban Giám đốc Sở'),
    unitOf(issuer, 'Các phòng, đơn vị trực thuộc'),
  ],
  signer: { capacity: 'KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC', name: 'Ngô Thị Hoài Nam' },
};
