import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteStore } from '@planlog/sqlite';
import { collectPlanReport, planStateAsOf, renderPlanReport } from '@planlog/cli';
import { buildLog, PLAN_ID } from './fixtures/buildLog.js';
import { cli, tempDir } from './fixtures/cli.js';

const temp = tempDir();
const db = temp.path('plans.db');

beforeAll(() => buildLog(db));
afterAll(() => temp.remove());

describe('planlog report', () => {
  it('prints the 4-way summary in Vietnamese as of a date', async () => {
    const result = await cli(['report', PLAN_ID, '--as-of', '2026-05-31', '--db', db]);
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toContain('## Kết quả thực hiện Kế hoạch số 45/KH-STP ngày 15/04/2026 của Sở Tư pháp');
    expect(text).toContain('Số liệu tính đến hết ngày 31/05/2026');
    expect(text).toContain('Tổng số nhiệm vụ: 3, trong đó:');
    expect(text).toContain('- Hoàn thành đúng hạn: 1\n- Hoàn thành quá hạn: 0\n- Chưa hoàn thành, còn trong hạn: 1 (trong đó 1 nhiệm vụ thực hiện thường xuyên)\n- Quá hạn chưa hoàn thành: 1');
    expect(text).toContain('Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 1/2 (50,0%).');
    expect(text).toContain('- **Phòng Phổ biến, giáo dục pháp luật**: quá hạn chưa hoàn thành 1: II.2 (Tuyên truyền pháp luật; hạn 24/05/2026).');
    expect(text).toContain('### 3. Điều chỉnh nhiệm vụ, báo cáo bị trả lại\n\nKhông có.');
    expect(text).toContain('### 4. Báo cáo đột xuất');
    expect(text).toContain('- **Báo cáo nhanh tình hình tuyên truyền** (hạn: trước ngày 01/06/2026): đã báo cáo đúng hạn 1: Phòng Xây dựng pháp luật (ngày 22/05/2026); báo cáo muộn 0; chưa báo cáo 1: Phòng Phổ biến, giáo dục pháp luật.');
  });

  it('later, the extension is listed and the task is back in term', async () => {
    const text = (await cli(['report', PLAN_ID, '--as-of', '2026-07-31', '--db', db])).stdout;
    expect(text).toContain('- **II.2**: gia hạn đến hết ngày 30/09/2026 (ngày 10/06/2026; lý do: Chờ tài liệu của Bộ Tư pháp).');
    expect(text).toContain('Không có nhiệm vụ quá hạn.');
  });

  it('--json gives the summary, the tasks and what the report lists', async () => {
    const json = (await cli(['report', PLAN_ID, '--as-of', '2026-05-31', '--db', db, '--json'])).json();
    expect(json.summary).toEqual({ total: 3, completedOnTime: 1, completedLate: 0, inTerm: 1, overdueUnfinished: 1, cancelled: 0, fallenDue: 2, completionRate: 0.5 });
    expect(json.byUnit).toHaveLength(1);
    expect(json.requests[0]).toMatchObject({ periodic: false, missing: [{ id: 'phong-pho-bien-giao-duc-phap-luat' }] });
  });

  it('renders as an HTML page with the same sections, every text escaped', async () => {
    const store = sqliteStore({ file: db });
    const report = await collectPlanReport(store, await planStateAsOf(store, PLAN_ID, '2026-05-31', new Date()));
    await store.close();
    const hostile = { ...report, plan: { ...report.plan, title: 'Kế hoạch <b>“A & B”</b>' } };
    const html = renderPlanReport(hostile, 'html');
    expect(html).toContain('<title>Báo cáo kết quả thực hiện Kế hoạch số 45/KH-STP ngày 15/04/2026 của Sở Tư pháp</title>');
    expect(html).toContain('<p><strong>Kế hoạch &lt;b&gt;“A &amp; B”&lt;/b&gt;</strong></p>');
    expect(html).toContain('<h3>4. Báo cáo đột xuất</h3>');
    expect(html).toContain('<li>Quá hạn chưa hoàn thành: 1</li>');
    expect(renderPlanReport(hostile)).toContain('**Kế hoạch \\<b\\>“A & B”\\</b\\>**');
  });

  it('an unknown plan is exit 2, a missing db exit 2, a bad date exit 1', async () => {
    expect((await cli(['report', 'nope', '--db', db])).code).toBe(2);
    expect((await cli(['report', PLAN_ID, '--db', temp.path('none.db')])).code).toBe(2);
    expect((await cli(['report', PLAN_ID, '--as-of', '31/05/2026', '--db', db])).code).toBe(1);
  });
});
