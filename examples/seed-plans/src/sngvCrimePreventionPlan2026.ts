import { unit, unitOf, type SeedPlan } from './SeedPlan.js';

// Seed: ke-hoach-sngv-phong-chong-toi-pham-2026.txt (Sở Ngoại vụ Hà Tĩnh, draft of March 2026).
//
// Reading notes:
// - The document numbers its sections I, II, IV (there is no section III).
// - Tasks are the dash bullets of section II (NỘI DUNG), "II.1-2" being the 2nd bullet under II.1,
//   plus IV.1, the one assignment that names its unit (Văn phòng Sở: quán triệt, triển khai; sơ
//   kết, tổng kết). The section II bullets name no unit; IV.2 gives their follow-up to "Các phòng
//   chuyên môn, đơn vị thuộc Sở", encoded as their lead (one group unit). Where a bullet says with
//   whom to coordinate ("phối hợp với Công an tỉnh …"), those are its support units.
// - No item carries a "Thời hạn". The plan implements a directive for 2026 - 2030 and its Yêu cầu
//   say the work is "thường xuyên", so the section II bullets are ongoing; IV.1 (sơ kết, tổng kết
//   of the year's implementation) is due by the end of the plan's year 2026.

const issuer = unit('Sở Ngoại vụ');
const office = unitOf(issuer, 'Văn phòng Sở');
// Written "Các phòng chuyên môn, đơn vị thuộc Sở" here and "Các phòng, đơn vị thuộc Sở" in the
// state-secrets plan: one group of the Sở, so one id, with the name as this document writes it.
const units = { id: unitOf(issuer, 'Các phòng, đơn vị thuộc Sở').id, name: 'Các phòng chuyên môn, đơn vị thuộc Sở' };
const police = unit('Công an tỉnh');
const authorities = unit('Các cơ quan chức năng');
const relatedUnits = unit('Các đơn vị liên quan');

const ongoing = { kind: 'ongoing' } as const;

export const sngvCrimePreventionPlan2026: SeedPlan = {
  source: 'ke-hoach-sngv-phong-chong-toi-pham-2026.txt',
  title:
    'Triển khai thực hiện Chỉ thị số 10/CT-TU của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo đối với công tác đấu tranh phòng, chống tội phạm giai đoạn 2026 - 2030',
  number: null, // "Số: /KH-SNgV": not yet issued
  symbol: 'KH-SNgV',
  datedMonth: { year: 2026, month: 3 },
  issuer,
  basis: [
    'Kế hoạch số 88/KH-UBND ngày 25/02/2026 của Ủy ban nhân dân tỉnh về triển khai thực hiện Chỉ thị số 10/CT-TU của Ban Thường vụ Tỉnh ủy',
    'Văn bản số 771/CAT-PA01 ngày 05/3/2026 của Công an tỉnh về việc triển khai thực hiện Kế hoạch số 88/KH-UBND của UBND tỉnh',
  ],
  objectives: [
    'Nâng cao hiệu quả quản lý nhà nước về đối ngoại, góp phần phòng ngừa, ngăn chặn các loại tội phạm có liên quan đến yếu tố nước ngoài trên địa bàn tỉnh',
    'Quán triệt và triển khai thực hiện nghiêm túc Chỉ thị số 10/CT-TU giai đoạn 2026-2030',
    'Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức trong công tác phòng, chống tội phạm',
  ],
  requirements: [
    'Triển khai nghiêm túc, đồng bộ, thường xuyên, gắn với nhiệm vụ chính trị và chức năng quản lý nhà nước về đối ngoại của Sở',
    'Lồng ghép nội dung phòng, chống tội phạm trong tham mưu, tổ chức hoạt động đối ngoại, quản lý đoàn ra, đoàn vào, tổ chức phi chính phủ nước ngoài, dự án hợp tác quốc tế',
    'Phối hợp chặt chẽ với Công an tỉnh, Bộ đội Biên phòng tỉnh và các sở, ngành liên quan; kịp thời báo cáo, tham mưu UBND tỉnh xử lý vấn đề phát sinh',
  ],
  tasks: [
    {
      ref: 'II.1-1',
      title: 'Quán triệt, triển khai chủ trương, chính sách, pháp luật về phòng, chống tội phạm; nâng cao năng lực lãnh đạo, chỉ đạo',
      lead: units,
      support: [],
      deadline: ongoing,
    },
    {
      ref: 'II.1-2',
      title: 'Nâng cao hiệu lực quản lý nhà nước về an ninh trật tự; thường xuyên trao đổi thông tin về phương thức, thủ đoạn của tội phạm',
      lead: units,
      support: [authorities], // "tăng cường phối hợp với các cơ quan chức năng"
      deadline: ongoing,
    },
    {
      ref: 'II.2-1',
      title: 'Tuyên truyền, phổ biến pháp luật về phòng, chống tội phạm qua hội nghị, tập huấn, trang thông tin điện tử của Sở',
      lead: units,
      support: [],
      deadline: ongoing,
    },
    {
      ref: 'II.2-2',
      title: 'Lồng ghép tuyên truyền phòng, chống tội phạm trong hoạt động đối ngoại, hội nghị, hội thảo quốc tế',
      lead: units,
      support: [],
      deadline: ongoing,
    },
    {
      ref: 'II.3-1',
      title: 'Thực hiện nghiêm quy định về quản lý đoàn ra, đoàn vào, tiếp xúc với người nước ngoài, quản lý người nước ngoài tại tỉnh',
      lead: units,
      support: [],
      deadline: ongoing,
    },
    {
      ref: 'II.3-2',
      title: 'Tham mưu, quản lý, giám sát hoạt động hợp tác quốc tế của các cơ quan, đơn vị, địa phương',
      lead: units,
      support: [],
      deadline: ongoing,
    },
    {
      ref: 'II.3-3',
      title: 'Phối hợp quản lý, theo dõi hoạt động của tổ chức, cá nhân nước ngoài đến làm việc, khảo sát, triển khai dự án tại tỉnh',
      lead: units,
      support: [police, relatedUnits],
      deadline: ongoing,
    },
    {
      ref: 'II.4-1',
      title: 'Đẩy mạnh sử dụng nền tảng số, hệ thống quản lý văn bản và điều hành, chữ ký số',
      lead: units,
      support: [],
      deadline: ongoing,
    },
    {
      ref: 'II.4-2',
      title: 'Bảo đảm an toàn, an ninh thông tin mạng, phòng ngừa tấn công mạng, lộ lọt dữ liệu đối ngoại',
      lead: units,
      support: [],
      deadline: ongoing,
    },
    {
      ref: 'II.4-3',
      title: 'Phối hợp với Công an tỉnh phòng, chống tội phạm sử dụng công nghệ cao',
      lead: units,
      support: [police],
      deadline: ongoing,
    },
    {
      ref: 'IV.1',
      title: 'Quán triệt, triển khai kế hoạch tới toàn thể cán bộ; tổ chức sơ kết, tổng kết, báo cáo định kỳ',
      lead: office,
      support: [],
      deadline: { kind: 'year', year: 2026 }, // no Thời hạn: the year's sơ kết, tổng kết
    },
  ],
  // "tổ chức sơ kết, tổng kết … báo cáo Chi bộ, chuyên môn và các đơn vị liên quan theo định kỳ":
  // the period is not named; sơ kết (6 tháng) and tổng kết (năm) are assumed, gathered by Văn phòng Sở.
  reporting: [
    { period: 'half', to: office },
    { period: 'year', to: office },
  ],
  reportingText:
    'Văn phòng Sở quán triệt và triển khai kế hoạch tới toàn thể cán bộ, công chức, viên chức; tổ chức sơ kết, tổng kết đánh giá việc thực hiện kế hoạch, báo cáo Chi bộ, chuyên môn và các đơn vị liên quan theo định kỳ.',
  recipients: [
    unit('Công an tỉnh'), // "(để b/c)"
    unitOf(issuer, 'Ban Giám đốc Sở'), // "BGĐ Sở"
  ],
  signer: { capacity: 'KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC', name: 'Ngô Thị Hoài Nam' },
};
