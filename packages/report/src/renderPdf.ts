import { existsSync } from 'node:fs';
import { PlanlogError } from '@planlog/core';

/** Where Debian's `chromium` package puts the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** A headless browser that touches nothing outside the page it prints. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

const INSTALL = 'apt-get install -y --no-install-recommends chromium fonts-liberation2';

/** The PDF cannot be made: no Chromium at the path, or no playwright-core to drive it. Says how to install what is missing. */
export class ChromiumMissingError extends PlanlogError {
  constructor(message: string, details: Record<string, unknown>) {
    super('NOT_FOUND', message, { field: 'executablePath', details });
    this.name = 'ChromiumMissingError';
  }
}

export type ChromiumOptions = {
  /** The browser to run (default: $PLANLOG_CHROMIUM, else /usr/bin/chromium). */
  executablePath?: string;
};

type Browser = import('playwright-core').Browser;

/** Chromium through playwright-core's `executablePath`, headless; ChromiumMissingError when either is not installed. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? process.env.PLANLOG_CHROMIUM ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new ChromiumMissingError(`executablePath: no Chromium at ${executablePath}; install it with \`${INSTALL}\` (Debian), or give its path in PLANLOG_CHROMIUM`, {
      executablePath,
      install: INSTALL,
    });
  }
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (error) {
    throw new ChromiumMissingError('playwright-core is not installed: add it beside @planlog/report (npm install playwright-core) to print PDFs', { install: 'npm install playwright-core', cause: String(error) });
  }
  return playwright.chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}

/**
 * The HTML of `renderHtml` printed to PDF by headless Chromium: A4 and the margins from the page's
 * own print CSS, Times New Roman (or its metric twin Liberation Serif) as installed.
 */
export async function renderPdf(html: string, options: ChromiumOptions = {}): Promise<Uint8Array> {
  const browser = await launchChromium(options);
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: false }));
  } finally {
    await browser.close();
  }
}
