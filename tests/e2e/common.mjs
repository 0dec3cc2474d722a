// What the end-to-end tests share: where profilec and the screenshots are,
// the two window sizes, the GCI pages, copying profiles, launching Debian's
// Chromium and opening a page that records what goes wrong on it. Not a
// test file itself (`node --test` runs only `*.test.mjs`).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..", "..");
export const profilec = process.env.PROFILEC || path.join(repo, "target", "debug", "profilec");
export const shots = path.join(here, "screenshots");

export const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
];

// The GCI pages, by kind, as site paths (with a query where the page
// reads one): axe-core checks each (site.test.mjs), the validator too
// (gci.test.mjs).
export const GCI_PAGES = [
  { kind: "GCI country scorecard", site: "countries/bel/index.html" },
  { kind: "GCI-only country", site: "countries/afg/index.html" },
  { kind: "GCI profile", site: "countries/bel/gci-2024.html" },
  { kind: "GCI results", site: "gci/index.html" },
  { kind: "GCI results of one region", site: "gci/index.html", query: "?region=africa" },
  { kind: "GCI results with ranks", site: "gci/2020.html" },
  { kind: "GCI tiers", site: "gci/tiers-2024.html" },
  { kind: "region", site: "regions/europe.html" },
];

/** Copies every `*.yaml` under `from` to `to`, keeping the folders. */
export function copyYaml(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyYaml(source, path.join(to, entry.name));
    else if (entry.name.endsWith(".yaml")) fs.copyFileSync(source, path.join(to, entry.name));
  }
}

/** Debian's Chromium (or $CHROMIUM), headless, nothing fetched. */
export function launch() {
  fs.mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    // Playwright gives each launch a fresh --user-data-dir of its own (a
    // temporary folder, removed on close); it refuses one in `args`.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A browser context at the size of `device`, one of VIEWPORTS. */
export function newContext(browser, device) {
  return browser.newContext({
    viewport: device.viewport,
    isMobile: device.isMobile,
    hasTouch: device.hasTouch || false,
    deviceScaleFactor: device.deviceScaleFactor || 1,
  });
}

/** A page that records every console error, page error and non-file request. */
export async function open(context) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file://")) problems.push(`request outside the site: ${request.url()}`);
  });
  page.on("requestfailed", (request) => problems.push(`failed to load: ${request.url()}`));
  return { page, problems };
}
