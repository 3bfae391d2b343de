/**
 * The production build on a plain static host, under a sub-path (`/some/path/`): the page, its
 * scripts, the simulation worker and the bundled examples (`?scenario=NAME`) load by relative
 * URLs; nothing is fetched twice; and after the first visit the service worker (sw.js) opens the
 * app with the host gone.
 */

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { waitReady } from './harness.ts';
import { serveStatic, type StaticServer } from './staticServer.ts';

const PREFIX = '/some/path/';
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serveStatic(inject('distDir'), PREFIX);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the 3D scene draws the scenario: a frame with triangles (none before it is in). */
async function waitForSceneDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const scene = (window as { __rpoScene?: { gl: { info: { render: { triangles: number } } } } })
      .__rpoScene;
    return (scene?.gl.info.render.triangles ?? 0) > 0;
  });
}

describe('the static build under a sub-path', () => {
  it('draws the scene of a bundled example with the worker, fetching each file once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    server.requests.clear();
    await page.goto(`${server.url}?play=0&scenario=vbar-hop`);
    await waitReady(page);
    // the example named in the URL, run by the simulation worker and scored by the other
    await expect(page.title()).resolves.toMatch(/^V-bar hop with two radial burns/);
    await waitForSceneDrawn(page);
    await screenshot(page, 'static-subpath');
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    const paths = [...server.requests.keys()];
    expect(paths.some((p) => /^assets\/sim\.worker-[\w-]+\.js$/.test(p))).toBe(true);
    expect([...server.requests].filter(([, n]) => n > 1)).toEqual([]);
    await context.close();
  });

  it('opens offline after the first visit (service worker)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}?play=0&scenario=football`);
    await waitReady(page);
    // the page registers sw.js once the first scenario is shown; it has cached the build once it
    // controls the page
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    });
    // the host is gone: every request of the reload is answered by the service worker's cache
    await server.close();
    try {
      await page.reload();
      await waitReady(page);
      await expect(page.title()).resolves.toMatch(/^Football/);
      await waitForSceneDrawn(page);
      await screenshot(page, 'static-offline');
    } finally {
      server = await serveStatic(inject('distDir'), PREFIX);
      await context.close();
    }
  });
});
