// End-to-end test of the site, in headless Chromium (Debian's `chromium`),
// opened from disk as a reader who downloaded it would: the home page,
// the country filter, a country page, its change report, the search for an
// agency and its hit, the matrix. Run by .ci/run (`npm ci && npm test` here) after `cargo build`.
//
// It builds the site itself from the shipped profiles plus the invented
// test profiles (tests/fixtures/site/) with the debug binary (or $PROFILEC),
// fails on any console error, page error or request that is not a local
// file, and saves screenshots at desktop and phone sizes in
// tests/e2e/screenshots/ (git-ignored).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const profilec = process.env.PROFILEC || path.join(repo, "target", "debug", "profilec");
const shots = path.join(here, "screenshots");

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
];

let work;
let site;
let browser;

function copyYaml(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyYaml(source, path.join(to, entry.name));
    else if (entry.name.endsWith(".yaml")) fs.copyFileSync(source, path.join(to, entry.name));
  }
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "profilec-e2e-"));
  copyYaml(path.join(repo, "profiles"), path.join(work, "in", "shipped"));
  copyYaml(path.join(repo, "tests", "fixtures", "site"), path.join(work, "in", "fixtures"));
  site = path.join(work, "site");
  execFileSync(profilec, ["site", path.join(work, "in"), "-o", site, "--base-url", "https://example.org/profiles/"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  fs.mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A page that records every console error, page error and non-file request. */
async function open(context) {
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

function url(file) {
  return pathToFileURL(path.join(site, file)).href;
}

for (const device of VIEWPORTS) {
  test(`a reader browses the site from disk (${device.name})`, async () => {
    const context = await browser.newContext({
      viewport: device.viewport,
      isMobile: device.isMobile,
      hasTouch: device.hasTouch || false,
      deviceScaleFactor: device.deviceScaleFactor || 1,
    });
    const { page, problems } = await open(context);
    const shot = (name) => page.screenshot({ path: path.join(shots, `${device.name}-${name}.png`) });

    // Home, from disk: the script enhances the table (filter shown, sort buttons).
    await page.goto(url("index.html"));
    await page.waitForSelector("#country-filter", { state: "visible" });
    const all = await page.locator("#countries tbody tr").count();
    assert.ok(all >= 5, `at least 5 countries, found ${all}`);
    // Country, code, region, GCI tier and overall, latest Cyberwellness
    // edition, last updated, indicators in place.
    assert.equal(await page.locator("#countries thead th button").count(), 8);
    await shot("home");

    // Sorting by "Latest edition" puts the newest first on the second click.
    await page.locator("#countries thead th button", { hasText: "Latest edition" }).click();
    await page.locator("#countries thead th button", { hasText: "Latest edition" }).click();
    const firstYear = await page.locator("#countries tbody tr").first().locator("td").nth(4).getAttribute("data-sort");
    const years = await page.locator("#countries tbody tr td:nth-of-type(5)").evaluateAll((cells) =>
      cells.map((c) => Number(c.getAttribute("data-sort"))));
    assert.equal(Number(firstYear), Math.max(...years));

    // Filter to one country, and follow it.
    await page.fill("#country-filter", "kenya");
    const shown = page.locator("#countries tbody tr:not([hidden])");
    assert.equal(await shown.count(), 1);
    assert.match(await page.locator("#country-count").innerText(), /^1 of \d+ countries$/);
    await shot("home-filtered");
    await shown.locator("th a").click();
    await page.waitForURL(/countries\/ken\/index\.html$/);
    assert.match(await page.locator("h1").innerText(), /CYBERWELLNESS PROFILE KENYA/);
    assert.equal(await page.locator("#editions li").count(), 3, "Kenya has three editions");
    for (const [format, file] of [["md", "ken-2020.md"], ["pdf", "ken-2020.pdf"], ["json", "ken-2020.json"]]) {
      assert.equal(await page.locator(`.edition-panel a.download-${format}`).getAttribute("href"), file);
      assert.ok(fs.existsSync(path.join(site, "countries", "ken", file)), `${file} is there`);
    }
    await shot("country");

    // The newest change report of the country.
    await page.locator("#changes a").first().click();
    await page.waitForURL(/countries\/ken\/changes-2018-2020\.html$/);
    assert.match(await page.locator("h1").innerText(), /Kenya: what changed between the 2018 and 2020 editions/);
    assert.ok(await page.locator("article.changes ins").count() > 0, "insertions are marked");
    await shot("changes");
    await page.locator(".breadcrumb a", { hasText: "Kenya" }).click();
    await page.waitForURL(/countries\/ken\/index\.html$/);

    // An earlier edition's own page.
    await page.locator("#editions a", { hasText: "2016" }).click();
    await page.waitForURL(/countries\/ken\/2016\.html$/);
    assert.match(await page.locator(".kicker").innerText(), /2016 edition/);

    // Search from the header for an agency name, and follow the hit.
    await page.fill("#site-q", "Example Kenyan Test CERT");
    await page.press("#site-q", "Enter");
    await page.waitForURL(/search\.html\?q=/);
    const hit = page.locator("#search-results li a").first();
    await hit.waitFor();
    assert.match(await hit.innerText(), /Kenya — 1\.2\.1 CIRT/);
    await shot("search");
    await hit.click();
    await page.waitForURL(/countries\/ken\/index\.html#1-2-1-cirt$/);
    const target = page.locator('[id="1-2-1-cirt"]');
    assert.equal(await target.count(), 1);
    assert.ok(await target.isVisible());
    assert.match(await page.locator("main").innerText(), /Example Kenyan Test CERT \(fictional\)/);
    await shot("search-hit");

    // The matrix: filtered to one country, a cell leads to the indicator in
    // the country page.
    await page.goto(url("matrix.html"));
    await shot("matrix");
    await page.fill("#matrix-filter", "KEN");
    assert.equal(await page.locator("#matrix tbody tr:not([hidden])").count(), 1);
    await page.locator("#matrix tbody tr:not([hidden]) td.cell a").nth(2).click();
    await page.waitForURL(/countries\/ken\/index\.html#1-2-1-cirt$/);

    // An indicator page.
    await page.goto(url("indicators/cyberwellness-2015/1-2-1-cirt.html"));
    assert.ok(await page.locator("li.answer").count() >= 5);
    await shot("indicator");

    assert.deepEqual(problems, []);
    await context.close();
  });
}
