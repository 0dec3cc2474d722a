// End-to-end test of the site's Global Cybersecurity Index pages, in
// headless Chromium (Debian's `chromium`), opened from disk: a country's
// scorecard, the results page with a region filter (chosen, and given in
// the address), a region page and the tiers page; and the W3C Nu HTML
// validator (vnu.jar, from the pinned npm package vnu-jar, run by the
// system's Java) on one page of every kind. Run by .ci/run (`npm test`
// here) after `cargo build`.
//
// It builds the site itself from the shipped profiles (the Belgian
// Cyberwellness Profiles and the 388 GCI profiles of 194 countries) plus
// the invented test profiles (tests/fixtures/site/), with the debug binary
// (or $PROFILEC), without PDFs (the cargo tests check those). Every page
// fails the test on a console error, a page error or a request that is
// not a local file, or if it is wider than the window; screenshots at
// desktop and phone sizes go to tests/e2e/screenshots/ (git-ignored).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { GCI_PAGES, VIEWPORTS, copyYaml, launch, newContext, open, profilec, repo, shots } from "./common.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const vnu = path.join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

// The other kinds of page, for the validator.
const OTHER_PAGES = [
  "index.html",
  "matrix.html",
  "search.html",
  "changes.html",
  "404.html",
  "countries/ken/index.html",
  "countries/ken/2016.html",
  "countries/ken/changes-2018-2020.html",
  "indicators/cyberwellness-2015/1-2-1-cirt.html",
];

let work;
let site;
let browser;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "profilec-e2e-gci-"));
  copyYaml(path.join(repo, "profiles"), path.join(work, "in", "shipped"));
  copyYaml(path.join(repo, "tests", "fixtures", "site"), path.join(work, "in", "fixtures"));
  site = path.join(work, "site");
  execFileSync(profilec, ["site", path.join(work, "in"), "-o", site, "--no-pdf", "--base-url", "https://example.org/profiles/"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function url(file) {
  return pathToFileURL(path.join(site, file)).href;
}

/** Rows of the table `id` shown (not filtered out), as their attributes. */
function shownRows(page, id) {
  return page.locator(`#${id} tbody tr:not([hidden])`).evaluateAll((rows) =>
    rows.map((r) => ({
      region: r.getAttribute("data-region"),
      tier: r.getAttribute("data-tier"),
      overall: Number(r.querySelectorAll("td")[2].getAttribute("data-sort")),
      name: r.querySelector("th").textContent.trim(),
    })));
}

async function fits(page, device, problems) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > device.viewport.width) problems.push(`${page.url()} is ${width} px wide in a ${device.viewport.width} px window`);
}

for (const device of VIEWPORTS) {
  test(`a reader follows a scorecard to the results, a region and the tiers (${device.name})`, async () => {
    const context = await newContext(browser, device);
    const { page, problems } = await open(context);
    const shot = (name) => page.screenshot({ path: path.join(shots, `${device.name}-gci-${name}.png`), fullPage: name !== "results" });

    // The scorecard at the top of Belgium's page, above its Cyberwellness Profile.
    await page.goto(url("countries/bel/index.html"));
    const card = page.locator("section.scorecard");
    await card.waitFor();
    assert.match(await card.locator(".scorecard-facts").innerText(), /GCI 2024\s+■■■■■\s?Tier 1: Role-modelling[\s\S]*96\.82 out of 100[\s\S]*Europe/);
    assert.equal(await card.locator("table.pillar-table tbody tr").count(), 5);
    assert.match(await card.locator("#gci-pillars-title").textContent(), /Belgium's pillar scores in the GCI 2024, against the Europe average/);
    assert.match(await card.locator("#gci-trend-desc").textContent(), /2020: 96\.25; 2024: 96\.82/);
    assert.ok(await page.locator("article.doc h1").isVisible(), "the Cyberwellness Profile follows");
    await fits(page, device, problems);
    await shot("scorecard");

    // On to every country's results, then Europe only, then its Tier 1.
    await card.locator("a", { hasText: "GCI 2024 results" }).click();
    await page.waitForURL(/gci\/2024\.html$/);
    await page.waitForSelector("#results-region", { state: "visible" });
    assert.equal(await page.locator("#results tbody tr").count(), 194);
    await page.selectOption("#results-region", "europe");
    let rows = await shownRows(page, "results");
    assert.equal(rows.length, 46, "the 46 countries of Europe");
    assert.ok(rows.every((r) => r.region === "europe"));
    assert.equal(await page.locator("#results-count").innerText(), "46 of 194 countries");
    await page.selectOption("#results-tier", "1");
    rows = await shownRows(page, "results");
    assert.ok(rows.length > 0 && rows.every((r) => r.region === "europe" && r.tier === "1"));
    assert.ok(rows.some((r) => r.name === "Belgium"));
    // Sorted by overall score, highest first (the second click).
    const overall = page.locator("#results thead th button", { hasText: "Overall" });
    await overall.click();
    await overall.click();
    rows = await shownRows(page, "results");
    assert.deepEqual(rows.map((r) => r.overall), [...rows.map((r) => r.overall)].sort((a, b) => b - a));
    await fits(page, device, problems);
    await shot("results");

    // A region chosen in the address.
    await page.goto(url("gci/index.html") + "?region=africa");
    await page.waitForSelector("#results-region", { state: "visible" });
    assert.equal(await page.locator("#results-region").inputValue(), "africa");
    rows = await shownRows(page, "results");
    assert.equal(rows.length, 44, "the 44 countries of Africa");

    // Europe's page: its members, averages and tiers.
    await page.goto(url("regions/europe.html"));
    assert.equal(await page.locator("h1").innerText(), "Europe");
    assert.equal(await page.locator("#members tbody tr").count(), 46);
    const averages = page.locator("table.averages").first();
    assert.match(await averages.locator("tr.overall-row").innerText(), /Overall \(out of 100\)\s+86\.10\s+65\.79/);
    assert.match(await page.locator("#tiers-chart-2024-title").textContent(), /Countries of Europe in each tier of the GCI 2024/);
    await fits(page, device, problems);
    await shot("region");
    // A member's tier leads to its GCI 2024 profile.
    await page.locator("#members tbody tr", { hasText: "Belgium" }).locator("td a").first().click();
    await page.waitForURL(/countries\/bel\/gci-2024\.html$/);
    assert.match(await page.locator("article.doc h1").innerText(), /GCI 5th Edition Country Performance Belgium/);
    await fits(page, device, problems);
    await shot("profile");

    // The tiers page: Belgium in Tier 1, and back to its page.
    await page.goto(url("gci/tiers-2024.html"));
    const tier1 = page.locator("#tier-1");
    assert.match(await tier1.locator("h2").innerText(), /Tier 1: Role-modelling/);
    await fits(page, device, problems);
    await shot("tiers");
    await tier1.locator("a", { hasText: "Belgium" }).click();
    await page.waitForURL(/countries\/bel\/index\.html$/);

    // A country with GCI profiles only.
    await page.goto(url("countries/afg/index.html"));
    assert.equal(await page.locator("h1").innerText(), "Afghanistan");
    assert.match(await page.locator(".scorecard-facts").innerText(), /Tier 5: Building/);
    await fits(page, device, problems);
    await shot("gci-only");

    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("every kind of page passes the W3C Nu HTML validator", () => {
  assert.ok(fs.existsSync(vnu), `vnu.jar is installed (npm ci here): ${vnu}`);
  const files = [...new Set([...GCI_PAGES.map((p) => p.site), ...OTHER_PAGES])].map((p) => path.join(site, p));
  for (const file of files) assert.ok(fs.existsSync(file), `${file} exists`);
  const ran = spawnSync("java", ["-jar", vnu, "--errors-only", "--format", "json", ...files], { encoding: "utf8" });
  assert.ok(!ran.error, `java runs: ${ran.error}`);
  const report = JSON.parse(ran.stderr || ran.stdout);
  const errors = report.messages.map(
    (m) => `${path.relative(site, decodeURIComponent(m.url.replace(/^file:/, "")))}:${m.lastLine}: ${m.message}`,
  );
  assert.deepEqual(errors, []);
  assert.equal(ran.status, 0);
});
