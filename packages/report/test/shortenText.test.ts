import { describe, expect, it } from 'vitest';
import { formatDocumentDate, formatPercent, shortenText, shortTitle } from '@planlog/report';

describe('shortening a unit’s text', () => {
  it('keeps whole sentences while they fit, and never cuts inside one when one fits', () => {
    const text = 'Đã tổ chức 3 hội nghị. Đã cấp 12 giấy xác nhận; tiếp tục theo dõi. Câu thứ ba dài hơn nhiều so với chỗ còn lại.';
    expect(shortenText(text, 500)).toBe(text.slice(0, -1));
    expect(shortenText(text, 50)).toBe('Đã tổ chức 3 hội nghị. Đã cấp 12 giấy xác nhận');
    expect(shortenText(text, 30)).toBe('Đã tổ chức 3 hội nghị');
  });

  it('cuts a sentence too long for the room at a comma or a word, marking the cut', () => {
    expect(shortenText('Rà soát, sửa đổi quy chế quản lý đoàn ra đoàn vào của tỉnh năm 2026', 30)).toBe('Rà soát, sửa đổi quy chế quản…');
    expect(shortenText('Tuyên truyền, phổ biến, giáo dục pháp luật về phòng chống tội phạm', 40)).toBe('Tuyên truyền, phổ biến…');
    expect(shortTitle('Tổ chức tập huấn. Chi tiết khác')).toBe('Tổ chức tập huấn');
  });

  it('writes numbers and dates as Vietnamese documents do', () => {
    expect(formatPercent(5 / 6)).toBe('83,3%');
    expect(formatPercent(1)).toBe('100,0%');
    expect(formatDocumentDate('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatDocumentDate('2026-09-16')).toBe('ngày 16 tháng 9 năm 2026');
  });
});
