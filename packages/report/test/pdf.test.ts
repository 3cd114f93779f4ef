import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumMissingError, launchChromium, PAGE, renderHtml, renderPdf, type ReportDocument } from '@planlog/report';
import { pdfFacts, type PdfFacts } from './fixtures/pdfFacts.js';
import { pdfPagesToPng } from './fixtures/pdfPages.js';
import { sampleReport } from './fixtures/sampleReport.js';

// These tests need Debian's chromium (apt-get install -y --no-install-recommends chromium
// fonts-liberation2). Without it they fail with ChromiumMissingError's message, never skip.
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/report/', import.meta.url));
const PT_PER_MM = 72 / 25.4;

let document: ReportDocument;
let html: string;
let pdf: Uint8Array;
let facts: PdfFacts;
let browser: Browser;
beforeAll(async () => {
  ({ document } = await sampleReport());
  html = renderHtml(document);
  browser = await launchChromium();
  pdf = await renderPdf(html);
  facts = await pdfFacts(pdf);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}report.pdf`, pdf);
  writeFileSync(`${ARTIFACTS}report.html`, html);
});
afterAll(async () => {
  await browser?.close();
});

describe('the Báo cáo printed to PDF by Chromium', () => {
  it('is A4, a few pages long', () => {
    expect(facts.pages.length).toBeGreaterThanOrEqual(3);
    expect(facts.pages.length).toBeLessThanOrEqual(8);
    for (const page of facts.pages) {
      expect(page.width).toBeCloseTo(210 * PT_PER_MM, 0);
      expect(page.height).toBeCloseTo(297 * PT_PER_MM, 0);
    }
  });

  it('keeps every line of text inside the decree’s margins, and starts the annex on a page of its own', () => {
    const { marginMm } = PAGE;
    const tolerance = 1; // point
    for (const [i, page] of facts.pages.entries()) {
      for (const item of page.text) {
        const where = `page ${i + 1}: "${item.str}"`;
        expect(item.x, where).toBeGreaterThanOrEqual(marginMm.left * PT_PER_MM - tolerance);
        expect(item.x + item.width, where).toBeLessThanOrEqual(page.width - marginMm.right * PT_PER_MM + tolerance);
        expect(item.y, where).toBeGreaterThanOrEqual(marginMm.bottom * PT_PER_MM - tolerance - 4);
        expect(item.y, where).toBeLessThanOrEqual(page.height - marginMm.top * PT_PER_MM + tolerance);
      }
    }
    const first = (page: PdfFacts['pages'][number]) => [...page.text].sort((a, b) => b.y - a.y)[0]!.str;
    expect(first(facts.pages[0]!)).toMatch(/UBND TỈNH HÀ TĨNH|CỘNG HÒA/);
    expect(facts.pages.some((page) => first(page) === 'PHỤ LỤC')).toBe(true);
    // The signature never stands alone on a page: the closing sentences are above Nơi nhận.
    const signed = facts.pages.find((page) => page.text.some((item) => item.str.includes('Nơi nhận')))!;
    const label = signed.text.find((item) => item.str.includes('Nơi nhận'))!;
    expect(signed.text.some((item) => item.y > label.y && /kính báo cáo/.test(item.str))).toBe(true);
  });

  it('lays no table wider than the page: every box measured in print layout', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    try {
      await page.setContent(html);
      await page.emulateMedia({ media: 'print' });
      // The printable width: A4 less the margins, in CSS pixels.
      const widthPx = ((210 - PAGE.marginMm.left - PAGE.marginMm.right) * 96) / 25.4;
      await page.setViewportSize({ width: Math.floor(widthPx), height: 1000 });
      const overflow = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        const width = doc.documentElement.clientWidth;
        const boxes = [...doc.querySelectorAll('table, th, td, p, h1, h2, h3, h4')].map((element: any) => {
          const box = element.getBoundingClientRect();
          return { tag: element.tagName, text: String(element.textContent).slice(0, 40), right: box.right, left: box.left, scroll: element.scrollWidth - element.clientWidth };
        });
        return { width, scrollWidth: doc.documentElement.scrollWidth, bad: boxes.filter((box: any) => box.left < -0.5 || box.right > width + 0.5 || box.scroll > 1) };
      });
      expect(overflow.bad).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
      expect(await page.locator('table.data').count()).toBe(4);
    } finally {
      await page.close();
    }
  });

  it('keeps images of its first pages and of the annex for a person to look at', async () => {
    const pageOf = (text: string) => facts.pages.findIndex((page) => page.text.some((item) => item.str.includes(text))) + 1;
    const pages = [...new Set([1, 2, pageOf('Nơi nhận:'), pageOf('PHỤ LỤC')])];
    const images = await pdfPagesToPng(browser, pdf, pages);
    images.forEach((image, i) => {
      expect(image.subarray(1, 4).toString()).toBe('PNG');
      writeFileSync(`${ARTIFACTS}report-page-${pages[i]}.png`, image);
    });
    // The HTML as a browser shows it on screen: the first sheet.
    const screen = await browser.newPage({ viewport: { width: 900, height: 1300 } });
    try {
      await screen.setContent(html);
      const sheet = (await screen.locator('.page').boundingBox())!;
      const shot = await screen.screenshot({ clip: { x: sheet.x, y: sheet.y, width: sheet.width, height: (sheet.width * 297) / 210 } });
      writeFileSync(`${ARTIFACTS}report-html-screen.png`, shot);
    } finally {
      await screen.close();
    }
  });

  it('says how to install Chromium when it is missing', async () => {
    const refused = renderPdf(html, { executablePath: '/nonexistent/chromium' });
    await expect(refused).rejects.toBeInstanceOf(ChromiumMissingError);
    await expect(refused).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'executablePath', message: expect.stringContaining('apt-get install -y --no-install-recommends chromium') });
  });
});
