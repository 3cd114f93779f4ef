import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, manualClock, memoryStore, type Engine, type ManualClock } from '@planlog/core';
import { CHROMIUM_ARGS } from '@planlog/report';
import { Document, Packer, Paragraph } from 'docx';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWeb, type WebServer } from '../../examples/web/src/serveWeb.js';

// examples/web in Debian's Chromium, driven by playwright-core: a plan's life by clicking, in two
// browser contexts (the issuing agency and the lead unit), with the server's clock moved by the test.
// Every page is checked with axe-core and photographed at desktop and phone width (test-artifacts/web/).

const root = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(root, 'test-artifacts', 'web');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SAMPLE = join(root, 'examples/sample-plans/ke-hoach-stp-pbgdpl-2026.txt');

const ISSUER = 'so-tu-phap';
/** The lead the issuer gives task II.1.a while reviewing the draft (the text names another). */
const NEW_LEAD_NAME = 'Phòng Xây dựng pháp luật';
const LEAD = 'phong-xay-dung-phap-luat';

/** The sample plan as a Word file: one paragraph a line, as an officer's .docx would read back. */
async function sampleDocx(): Promise<Buffer> {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] }));
}

let browser: Browser;
let server: WebServer;
let engine: Engine;
let clock: ManualClock;
const screenshots: string[] = [];
const checked: string[] = [];

/** axe-core on the page as it stands: no serious or critical violation. */
async function checkAccessibility(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 3) }));
  });
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), `axe on ${name}`).toEqual([]);
  checked.push(name);
}

/** The page checked by axe, then photographed at desktop and at phone width. */
async function capture(page: Page, name: string): Promise<void> {
  await checkAccessibility(page, name);
  for (const [width, height, label] of [
    [1280, 800, 'desktop'],
    [390, 844, 'phone'],
  ] as const) {
    await page.setViewportSize({ width, height });
    const path = join(ARTIFACTS, `${name}-${label}.png`);
    if (label === 'phone') {
      // Usable on a phone: nothing wider than the screen (the page never scrolls sideways).
      const wide = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { right: number }; tagName: string; className: string; id: string }> } }).document;
        const width = doc.documentElement.clientWidth;
        return doc.documentElement.scrollWidth > width
          ? Array.from(doc.querySelectorAll('body *')).filter((element) => element.getBoundingClientRect().right > width + 1).map((element) => `${element.tagName}.${element.className}#${element.id}`).slice(0, 8)
          : [];
      });
      expect(wide, `${name} at phone width`).toEqual([]);
    }
    await page.screenshot({ path, fullPage: true });
    screenshots.push(path);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function signIn(context: BrowserContext, unitId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel(/mã đơn vị/).fill(unitId);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await see(page.getByTestId('unit').filter({ hasText: unitId }));
  return page;
}

/** Waits (up to 30 s) until the locator's first element is there and visible. */
const see = (locator: Locator) => locator.first().waitFor({ timeout: 30_000 });

/** The names of the action buttons on a task page. */
const actionButtons = (page: Page) => page.locator('[data-testid=actions] button[data-action]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-action')));

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  clock = manualClock('2026-04-10T02:00:00Z');
  engine = createEngine({ store: memoryStore(), clock });
  server = await serveWeb({ engine, port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (screenshots.length) console.log(`examples/web screenshots (${screenshots.length}):\n${screenshots.join('\n')}`);
});

describe('examples/web in a real browser', () => {
  it('runs a plan by clicking: import a .docx, correct a lead, issue; the unit acknowledges and reports; the issuer sees it live, returns, accepts; overdue after the deadline', async () => {
    const issuerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const unitContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signInPage = await issuerContext.newPage();
    await signInPage.goto(`${server.url}/`);
    await signInPage.waitForURL(/\/signin$/);
    await capture(signInPage, '01-sign-in');
    await signInPage.close();

    // The issuer imports the plan from a .docx and corrects one lead.
    const issuer = await signIn(issuerContext, ISSUER);
    await capture(issuer, '02-plans-empty');
    await issuer.getByRole('link', { name: 'Nhập kế hoạch' }).click();
    await capture(issuer, '03-import');
    await issuer.getByLabel(/Tệp kế hoạch/).setInputFiles({ name: 'ke-hoach-stp.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await sampleDocx() });
    await issuer.getByRole('button', { name: 'Đọc kế hoạch' }).click();
    await see(issuer.getByTestId('issuer').filter({ hasText: 'Sở Tư pháp' }));
    const row = issuer.locator('tr[data-ref="II.1.a"]');
    expect(await row.getByLabel(/Tên đơn vị chủ trì/).inputValue()).toBe('Phòng Pháp chế và Phổ biến, giáo dục pháp luật');
    await capture(issuer, '04-import-review');
    await row.getByLabel(/Tên đơn vị chủ trì/).fill(NEW_LEAD_NAME);
    await issuer.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await see(issuer.locator('[data-plan-state="draft"]'));

    // … and issues it.
    await issuer.getByLabel('Số', { exact: true }).fill('52/KH-STP');
    await issuer.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
    await see(issuer.locator('[data-plan-state="issued"]'));
    await capture(issuer, '05-plan');
    const taskRow = issuer.locator('tr', { has: issuer.getByText('II.1.a', { exact: true }) });
    await see(taskRow.filter({ hasText: NEW_LEAD_NAME }));
    await taskRow.getByRole('link').click();
    const taskUrl = issuer.url();
    await see(issuer.locator('[data-state=\"assigned\"]'));
    expect(await actionButtons(issuer)).toEqual(['extendDeadline', 'reassignTask', 'cancelTask']);
    // A marker that a reload would lose: the live update must keep it.
    await issuer.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));

    // Ten days later the lead unit, in a browser context of its own, acknowledges and reports.
    clock.set('2026-04-20T02:00:00Z');
    const unit = await signIn(unitContext, LEAD);
    await unit.goto(taskUrl);
    expect(await actionButtons(unit)).toEqual(['acknowledgeTask', 'reportTask']);
    await capture(unit, '06-task-lead');
    await unit.getByRole('button', { name: 'Tiếp nhận nhiệm vụ' }).click();
    await see(unit.locator('[data-state=\"acknowledged\"]'));
    expect(await actionButtons(unit)).toEqual(['reportTask']);
    await unit.getByLabel('Nội dung').fill('Đã trình danh mục văn bản cần phổ biến');
    await unit.getByLabel(/Báo cáo hoàn thành/).check();
    await unit.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await see(unit.locator('[data-state=\"submitted\"]'));
    expect(await actionButtons(unit)).toEqual([]);

    // The issuer's page shows it without reloading.
    await see(issuer.getByTestId('reports').filter({ hasText: 'Đã trình danh mục văn bản cần phổ biến' }));
    await see(issuer.locator('#live-notice').filter({ hasText: /\S/ }));
    expect(await issuer.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await actionButtons(issuer)).toEqual(['acceptReport', 'returnReport', 'cancelTask']);
    await capture(issuer, '07-task-issuer-submitted');

    // Returned with a reason; the unit reports again; the issuer accepts.
    await issuer.getByLabel('Lý do').first().fill('Thiếu danh mục luật mới');
    await issuer.getByRole('button', { name: 'Trả lại báo cáo' }).click();
    await see(issuer.locator('[data-state=\"in_progress\"]'));
    await see(issuer.getByTestId('reports').filter({ hasText: 'Thiếu danh mục luật mới' }));
    await unit.reload();
    await unit.getByLabel('Nội dung').fill('Đã bổ sung danh mục luật mới');
    await unit.getByLabel(/Báo cáo hoàn thành/).check();
    await unit.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await see(issuer.getByRole('button', { name: 'Chấp nhận báo cáo' }));
    await issuer.getByRole('button', { name: 'Chấp nhận báo cáo' }).click();
    await see(issuer.locator('[data-state=\"completed\"]'));
    await see(issuer.getByTestId('timeline').filter({ hasText: /trả lại/i }));

    // English on request.
    await issuer.getByRole('button', { name: 'English' }).click();
    await issuer.waitForSelector('html[lang="en"]');
    await see(issuer.getByRole('heading', { name: 'Timeline' }));
    await capture(issuer, '08-task-completed-en');
    await issuer.getByRole('button', { name: 'Tiếng Việt' }).click();
    await issuer.waitForSelector('html[lang="vi"]');

    // Time moves past the end of Quý II: task II.1.b (due 1 July 00:00 local) is overdue.
    clock.set('2026-07-02T03:00:00Z');
    expect((await engine.tick()).map((event) => event.type)).toContain('task.overdue');
    await issuer.getByRole('link', { name: 'Quá hạn' }).click();
    const overdueUnit = issuer.locator('section[data-unit="so-tu-phap/phong-phap-che-va-pho-bien-giao-duc-phap-luat"]');
    await see(overdueUnit.filter({ hasText: 'II.1.b' }));
    expect((await issuer.locator('section[data-unit]').allTextContents()).join(' ')).not.toContain('II.1.a');
    await capture(issuer, '09-overdue');

    await issuer.getByRole('link', { name: 'Kế hoạch' }).first().click();
    await see(issuer.getByTestId('overdue-count'));
    expect(await issuer.getByTestId('overdue-count').first().textContent()).not.toBe('0');
    await capture(issuer, '10-plans');
    // A plan's tasks filtered by state and by unit.
    await issuer.getByRole('heading', { level: 2 }).getByRole('link').first().click();
    await issuer.getByLabel('Trạng thái').selectOption('completed');
    await issuer.getByRole('button', { name: 'Lọc' }).click();
    await issuer.waitForURL(/state=completed/);
    expect(await issuer.locator('tr[data-task] td:first-child').allTextContents()).toEqual(['II.1.a']);
    await issuer.getByLabel('Trạng thái').selectOption('');
    await issuer.getByLabel('Đơn vị').selectOption('so-tu-phap/van-phong-so');
    await issuer.getByRole('button', { name: 'Lọc' }).click();
    await issuer.waitForURL(/unit=so-tu-phap%2Fvan-phong-so/);
    expect(await issuer.locator('tr[data-task] td:first-child').allTextContents()).toEqual(['II.1.c', 'II.1.d', 'II.3.d', 'III.2']);
    await issuer.getByRole('link', { name: 'Sắp đến hạn' }).click();
    await capture(issuer, '11-due-soon');
    await issuer.getByRole('link', { name: 'Báo cáo' }).click();
    await capture(issuer, '12-reports');
    const download = issuer.waitForEvent('download');
    await issuer.getByLabel('Định dạng').selectOption('docx');
    await issuer.getByRole('button', { name: 'Tải về' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^bao-cao-so-tu-phap-2026-H1\.docx$/);
    await issuer.getByRole('link', { name: 'Kiểm tra nhật ký' }).click();
    await issuer.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
    await see(issuer.getByTestId('verify').filter({ hasText: 'Nhật ký toàn vẹn' }));
    // The task as it stood on 15 April, reached from the task's own page by the keyboard alone.
    await issuer.goto(taskUrl);
    await issuer.keyboard.press('Tab');
    expect(await issuer.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('Bỏ qua, đến nội dung chính');
    await issuer.getByRole('link', { name: 'Xem trạng thái tại thời điểm' }).focus();
    await issuer.keyboard.press('Enter');
    await issuer.waitForURL(/\/audit\?id=/);
    const taskId = decodeURIComponent(new URL(taskUrl).pathname.slice('/tasks/'.length));
    expect(await issuer.getByLabel('Mã kế hoạch hoặc nhiệm vụ').inputValue()).toBe(taskId);
    await issuer.getByLabel('Ngày', { exact: true }).fill('2026-04-15');
    await issuer.getByRole('button', { name: 'Xem trạng thái tại thời điểm' }).click();
    await see(issuer.getByTestId('as-of').filter({ hasText: 'Đã giao' }));
    await capture(issuer, '13-audit');
    await issuerContext.close();
    await unitContext.close();
  }, 150_000);

  it('shows a unit only the buttons it may use, and answers a forged form post with the 403 page, appending nothing', async () => {
    const context = await browser.newContext();
    const unit = await signIn(context, LEAD);
    const plan = (await engine.listPlans()).items[0]!;
    const task = (await engine.getTasks(plan.planId)).find((each) => each.ref === 'II.1.b')!;
    await unit.goto(`${server.url}/tasks/${encodeURIComponent(task.taskId)}`);
    // Not this unit's task: neither lead nor support.
    expect(await actionButtons(unit)).toEqual([]);
    const before = await engine.store.headPosition();
    const forged = await context.request.post(`${server.url}/tasks/${encodeURIComponent(task.taskId)}/act`, { form: { command: 'cancelTask', reason: 'Giả mạo' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Không được phép');
    expect(await engine.store.headPosition()).toBe(before);
    await unit.setContent(await forged.text());
    await capture(unit, '14-forbidden');
    expect(checked.length).toBeGreaterThanOrEqual(14);
    await context.close();
  }, 60_000);
});
