import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests for 技能大师工作室管理系统 (Leptos CSR client + axum server).
 *
 * The server is started by the caller (no `webServer` here); point the suite at
 * it with E2E_BASE_URL. Browsers are NOT downloaded by Playwright: we drive the
 * Debian Chromium at /usr/bin/chromium for both projects.
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1, // 2-core machine, shared with the compiler
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
  },
  projects: [
    {
      name: 'desktop',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions,
      },
    },
    {
      name: 'tablet',
      use: {
        ...devices['iPad (gen 7)'],
        // The iPad profile defaults to WebKit; we only have Chromium.
        browserName: 'chromium',
        launchOptions,
      },
    },
  ],
});
