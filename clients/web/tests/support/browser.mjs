// Debian's Chromium driven by playwright-core (no downloaded browsers), with a fake camera.
import { chromium } from 'playwright-core';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    ],
  });
}

/**
 * A page in its own context (its own sessionStorage, like a separate person's browser), recording uncaught
 * errors and Content-Security-Policy violations so the test can assert there were none.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 800 }, isMobile = false } = {}) {
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', error => page.errors.push(error.message));
  page.setDefaultTimeout(15_000);
  return page;
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}
