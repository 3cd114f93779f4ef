import type { UnitEntry } from './unitDirectory.js';

/**
 * Units that provincial plans name most often: provincial bodies, the internal units of a Sở, and the
 * collective phrases that stand for a group of units ("các sở, ban, ngành"). Names are canonical;
 * aliases are other ways of writing the same unit (abbreviations included); symbols are the codes
 * used in document symbols ("KH-SNgV").
 */
export const defaultUnits: readonly UnitEntry[] = [
  // Provincial leadership and bodies.
  { name: 'UBND tỉnh', aliases: ['Ủy ban nhân dân tỉnh', 'Uỷ ban nhân dân tỉnh', 'UBND'], symbols: ['UBND'] },
  { name: 'Chủ tịch UBND tỉnh', aliases: ['Chủ tịch Ủy ban nhân dân tỉnh'] },
  { name: 'Tỉnh ủy', aliases: ['Tỉnh uỷ'], symbols: ['TU'] },
  { name: 'Ban Thường vụ Tỉnh ủy', aliases: ['BTV Tỉnh ủy', 'Ban Thường vụ Tỉnh uỷ'] },
  { name: 'HĐND tỉnh', aliases: ['Hội đồng nhân dân tỉnh'] },
  { name: 'Ban Chỉ đạo 138 tỉnh', aliases: ['BCĐ 138 tỉnh', 'BCĐ138 tỉnh', 'Ban Chỉ đạo 138'], symbols: ['BCĐ138', 'BCĐ'] },
  { name: 'Ban Chỉ đạo 138/CP', aliases: ['BCĐ 138/CP'] },
  { name: 'Bộ Công an', aliases: ['BCA'] },
  { name: 'Bộ Ngoại giao', aliases: ['BNG'] },
  { name: 'Bộ Tư pháp', aliases: ['BTP'] },
  { name: 'Công an tỉnh', aliases: ['CA tỉnh', 'CAT'], symbols: ['CAT'] },
  {
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
    aliases: ['BCH BĐBP tỉnh', 'BCH BĐBP', 'Bộ đội Biên phòng tỉnh', 'BĐBP tỉnh', 'Bộ Chỉ huy BĐBP tỉnh'],
    symbols: ['BĐBP'],
  },
  { name: 'Bộ Chỉ huy Quân sự tỉnh', aliases: ['BCH QS tỉnh', 'BCHQS tỉnh'] },
  {
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
    aliases: ['MTTQ tỉnh', 'MTTQ', 'Ủy ban MTTQ tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh', 'Mặt trận Tổ quốc tỉnh', 'UBMTTQ tỉnh'],
    symbols: ['MTTQ'],
  },
  { name: 'Tòa án nhân dân tỉnh', aliases: ['TAND tỉnh', 'Toà án nhân dân tỉnh'] },
  { name: 'Viện kiểm sát nhân dân tỉnh', aliases: ['VKSND tỉnh'] },
  // Departments (sở) of the province.
  { name: 'Sở Ngoại vụ', aliases: ['SNgV', 'Sở NgV'], symbols: ['SNgV'] },
  { name: 'Sở Tư pháp', aliases: ['STP', 'Sở TP'], symbols: ['STP'] },
  { name: 'Sở Nội vụ', aliases: ['Sở NV', 'SNV'], symbols: ['SNV'] },
  { name: 'Sở Tài chính', aliases: ['Sở TC', 'STC'], symbols: ['STC'] },
  { name: 'Sở Kế hoạch và Đầu tư', aliases: ['Sở KH&ĐT', 'Sở KHĐT', 'SKHĐT'], symbols: ['SKHĐT'] },
  { name: 'Sở Giáo dục và Đào tạo', aliases: ['Sở GD&ĐT', 'Sở GDĐT'], symbols: ['SGDĐT'] },
  { name: 'Sở Y tế', aliases: ['SYT'], symbols: ['SYT'] },
  { name: 'Sở Xây dựng', aliases: ['SXD'], symbols: ['SXD'] },
  { name: 'Sở Công Thương', aliases: ['SCT'], symbols: ['SCT'] },
  { name: 'Sở Khoa học và Công nghệ', aliases: ['Sở KH&CN', 'Sở KHCN'], symbols: ['SKHCN'] },
  { name: 'Sở Văn hóa, Thể thao và Du lịch', aliases: ['Sở VHTTDL', 'Sở VH,TT&DL', 'Sở Văn hoá, Thể thao và Du lịch'], symbols: ['SVHTTDL'] },
  { name: 'Sở Nông nghiệp và Môi trường', aliases: ['Sở NN&MT', 'Sở NNMT'], symbols: ['SNNMT'] },
  { name: 'Sở Lao động - Thương binh và Xã hội', aliases: ['Sở LĐ-TB&XH', 'Sở LĐTBXH'], symbols: ['SLĐTBXH'] },
  { name: 'Sở Dân tộc và Tôn giáo', aliases: ['Sở DT&TG'], symbols: ['SDTTG'] },
  { name: 'Thanh tra tỉnh', aliases: ['TTr tỉnh'] },
  // Units inside a Sở.
  { name: 'Ban Giám đốc Sở', aliases: ['BGĐ Sở', 'Ban Giám đốc'], internal: true },
  { name: 'Giám đốc Sở', aliases: ['Giám đốc'], internal: true },
  { name: 'Lãnh đạo Sở', aliases: ['LĐ Sở'], internal: true },
  { name: 'Chi bộ', aliases: ['Chi bộ Sở'], internal: true },
  { name: 'Văn phòng Sở', aliases: ['VP Sở'], internal: true },
  { name: 'Phòng Lãnh sự - Biên giới', aliases: ['Phòng Lãnh sự và Biên giới', 'Phòng LS-BG'], internal: true },
  { name: 'Phòng Hợp tác quốc tế', aliases: ['Phòng HTQT'], internal: true },
  { name: 'Trung tâm Dịch thuật và Dịch vụ đối ngoại', aliases: ['Trung tâm DT&DVĐN'], internal: true },
  { name: 'Phòng Pháp chế và Phổ biến, giáo dục pháp luật', aliases: ['Phòng PC&PBGDPL'], internal: true },
  { name: 'Phòng Hành chính và Bổ trợ tư pháp', aliases: ['Phòng HC&BTTP'], internal: true },
  { name: 'Trung tâm Trợ giúp pháp lý nhà nước tỉnh', aliases: ['Trung tâm TGPL nhà nước tỉnh', 'Trung tâm TGPL'], internal: true },
  { name: 'Phòng Xây dựng pháp luật', aliases: ['Phòng XDPL'], internal: true },
  { name: 'Phòng Kiểm tra văn bản quy phạm pháp luật', aliases: ['Phòng KTVBQPPL', 'KTVBQPPL', 'Phòng Kiểm tra văn bản QPPL'], internal: true },
  // Collective phrases: one group unit each, never split on their commas.
  {
    name: 'Các sở, ban, ngành',
    aliases: [
      'các sở, ban, ngành cấp tỉnh', 'các sở, ban, ngành liên quan', 'các sở, ngành', 'các sở, ngành liên quan', 'sở, ban, ngành có liên quan',
      'các sở, ban, ngành có liên quan', 'các sở, ngành có liên quan', 'sở, ban, ngành', 'các sở, ban, ngành tỉnh',
    ],
    group: true,
  },
  { name: 'UBND các huyện, thành phố, thị xã', aliases: ['Ủy ban nhân dân các huyện, thành phố, thị xã', 'UBND cấp huyện'], group: true },
  {
    name: 'UBND các xã, phường',
    aliases: [
      'UBND các xã, phường, thị trấn', 'Ủy ban nhân dân các xã, phường', 'UBND cấp xã', 'UBND xã, phường', 'Ủy ban nhân dân xã, phường',
      'Ủy ban nhân dân cấp xã', 'UBND các xã, phường, đặc khu', 'Ủy ban nhân dân các xã, phường, đặc khu', 'UBND phường, xã, đặc khu',
      'Ủy ban nhân dân phường, xã, đặc khu', 'UBND các phường, xã, đặc khu', 'Ủy ban nhân dân các phường, xã, đặc khu',
    ],
    group: true,
  },
  { name: 'Các phòng, đơn vị thuộc Sở', aliases: ['các phòng, đơn vị', 'các phòng chuyên môn, đơn vị thuộc Sở', 'các phòng, đơn vị trực thuộc', 'các phòng, đơn vị trực thuộc Sở', 'các phòng, đơn vị thuộc Sở'], group: true, internal: true },
  { name: 'Các Phòng, Trung tâm thuộc Sở', aliases: ['các Phòng, Trung tâm', 'các Phòng, Trung tâm trực thuộc Sở'], group: true, internal: true },
  { name: 'Các phòng chuyên môn', aliases: ['các phòng chuyên môn thuộc Sở'], group: true, internal: true },
  { name: 'Các đơn vị', group: true },
  { name: 'Các đơn vị liên quan', aliases: ['các đơn vị có liên quan'], group: true },
  { name: 'Các cơ quan liên quan', aliases: ['các cơ quan có liên quan'], group: true },
  { name: 'Các cơ quan, đơn vị liên quan', aliases: ['các cơ quan, đơn vị có liên quan'], group: true },
  { name: 'Các cơ quan chức năng', group: true },
  { name: 'Các cơ quan báo chí, truyền thông', aliases: ['các cơ quan báo chí'], group: true },
  { name: 'Các tổ chức đoàn thể', aliases: ['các đoàn thể'], group: true },
];
