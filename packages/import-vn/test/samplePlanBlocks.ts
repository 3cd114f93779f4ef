// A small plan written for these tests (not taken from any real document), as blocks that can be
// rendered as plain text, as a .docx with Word's automatic numbering and a real table, and as a PDF.

/** A paragraph; a list item numbered by its list ("I.", "1.", "a)", "-"); a table with a header row. */
export type Block =
  | { kind: 'paragraph'; text: string; bold?: boolean; center?: boolean }
  | { kind: 'item'; list: 'roman' | 'number' | 'letter' | 'dash' | 'plus'; text: string }
  | { kind: 'table'; rows: string[][] };

export const samplePlanBlocks: Block[] = [
  { kind: 'paragraph', text: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', center: true },
  { kind: 'paragraph', text: 'Số: 45/KH-UBND', center: true },
  { kind: 'paragraph', text: 'Hà Tĩnh, ngày 10 tháng 3 năm 2026', center: true },
  { kind: 'paragraph', text: 'KẾ HOẠCH', bold: true, center: true },
  { kind: 'paragraph', text: 'Phát triển thư viện số trong các trường học năm 2026', bold: true, center: true },
  { kind: 'paragraph', text: 'Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển thư viện số như sau:' },
  { kind: 'item', list: 'roman', text: 'MỤC ĐÍCH, YÊU CẦU' },
  { kind: 'item', list: 'number', text: 'Mục đích: mở rộng việc đọc sách điện tử của học sinh.' },
  { kind: 'item', list: 'number', text: 'Yêu cầu: các đơn vị phối hợp chặt chẽ, đúng tiến độ.' },
  { kind: 'item', list: 'roman', text: 'NHIỆM VỤ' },
  { kind: 'item', list: 'number', text: 'Xây dựng kho sách điện tử dùng chung' },
  { kind: 'item', list: 'dash', text: 'Đơn vị chủ trì: Sở Giáo dục và Đào tạo.' },
  { kind: 'item', list: 'dash', text: 'Đơn vị phối hợp: Sở Tài chính; Sở Văn hóa, Thể thao và Du lịch.' },
  { kind: 'item', list: 'dash', text: 'Thời gian thực hiện: Quý III/2026.' },
  { kind: 'item', list: 'number', text: 'Tập huấn giáo viên thư viện' },
  { kind: 'item', list: 'dash', text: 'Cơ quan thực hiện: Sở Giáo dục và Đào tạo chủ trì, phối hợp với Ủy ban nhân dân các xã, phường.' },
  { kind: 'item', list: 'dash', text: 'Thời gian thực hiện: năm 2026 và các năm tiếp theo.' },
  { kind: 'item', list: 'roman', text: 'TỔ CHỨC THỰC HIỆN' },
  { kind: 'item', list: 'number', text: 'Sở Tài chính' },
  { kind: 'item', list: 'letter', text: 'Bố trí kinh phí mua bản quyền sách điện tử, hoàn thành trước ngày 30/6/2026.' },
  { kind: 'item', list: 'letter', text: 'Phối hợp với Sở Giáo dục và Đào tạo hướng dẫn thanh quyết toán.' },
  { kind: 'item', list: 'number', text: 'Ủy ban nhân dân xã, phường' },
  { kind: 'item', list: 'dash', text: 'Vận động phụ huynh cùng con đọc sách trên thư viện số.' },
  { kind: 'item', list: 'dash', text: 'Hằng quý báo cáo kết quả về Sở Giáo dục và Đào tạo.' },
  { kind: 'item', list: 'roman', text: 'CHẾ ĐỘ BÁO CÁO' },
  { kind: 'paragraph', text: 'Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12), các đơn vị báo cáo kết quả về Sở Giáo dục và Đào tạo.' },
  { kind: 'paragraph', text: 'Nơi nhận:' },
  { kind: 'item', list: 'dash', text: 'Sở Giáo dục và Đào tạo;' },
  { kind: 'item', list: 'dash', text: 'Lưu: VT.' },
  { kind: 'paragraph', text: 'TM. ỦY BAN NHÂN DÂN' },
  { kind: 'paragraph', text: 'CHỦ TỊCH' },
  { kind: 'paragraph', text: 'Trần Văn An' },
  { kind: 'paragraph', text: 'PHỤ LỤC' },
  {
    kind: 'table',
    rows: [
      ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian'],
      ['I', 'HẠ TẦNG', '', '', ''],
      ['1', 'Mua máy đọc sách cho thư viện trường.', 'Sở Giáo dục và Đào tạo', 'Sở Tài chính; UBND các xã, phường', '2026 - 2027'],
      ['2', 'Số hóa tài liệu địa chí của tỉnh.', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Thường xuyên'],
    ],
  },
];

const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const LETTERS = 'abcdefghiklmnopqrstuvxy';

/** The numbering the blocks' lists show, as text: roman sections restart the numbers, numbers restart the letters. */
export function numberedBlocks(blocks: Block[]): (Block & { label?: string })[] {
  let roman = 0;
  let number = 0;
  let letter = 0;
  return blocks.map((block) => {
    if (block.kind !== 'item') return block;
    switch (block.list) {
      case 'roman':
        number = 0;
        return { ...block, label: `${ROMANS[roman++]}.` };
      case 'number':
        letter = 0;
        return { ...block, label: `${++number}.` };
      case 'letter':
        return { ...block, label: `${LETTERS[letter++]})` };
      case 'dash':
        return { ...block, label: '-' };
      case 'plus':
        return { ...block, label: '+' };
    }
  });
}

/** The plan as plain text: one paragraph per block, blank lines between, table rows tab-separated. */
export function samplePlanText(blocks: Block[] = samplePlanBlocks): string {
  return `${numberedBlocks(blocks)
    .map((block) => {
      if (block.kind === 'table') return block.rows.map((row) => row.join('\t')).join('\n');
      if (block.kind === 'item') return `${block.label} ${block.text}`;
      return block.text;
    })
    .join('\n\n')}\n`;
}
