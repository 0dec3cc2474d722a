// End-to-end test of the site, in headless Chromium (Debian's `chromium`),
// opened from disk as a reader who downloaded it would. Run by .ci/run
// (`npm ci && npm test` here) after `cargo build`.
//
// It builds the site itself, with the debug binary (or $PROFILEC), from the
// shipped profiles, the invented test profiles (tests/fixtures/site/) and
// a few more invented here so that the home page lists more than ten
// countries; also a standalone page (`profilec build -f html`), a change
// report (`profilec diff -f html`) and a site of one country.
//
// Then, at desktop (1280 px) and phone (390 px) widths:
// - every kind of page (PAGE_KINDS) passes axe-core's WCAG 2.1 A and AA
//   rules, does not pan sideways, never tells a status by color alone, and
//   writes dates one way; a screenshot of each is saved in
//   tests/e2e/screenshots/ (git-ignored);
// - a reader's journey through the site works (filter, follow, search…);
// - the regressions of issue 13, item 10, each in a test of its own.
// Every page fails the test on a console error, a page error or a request
// that is not a local file.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { GCI_PAGES, VIEWPORTS, copyYaml, launch, newContext as contextOf, open, profilec, repo, shots } from "./common.mjs";

// Every kind of page, with where it is (under the site, or a standalone
// file) and what to wait for. A new kind of page is one line here.
const PAGE_KINDS = [
  { kind: "home", site: "index.html" },
  { kind: "country", site: "countries/ken/index.html" },
  { kind: "edition", site: "countries/ken/2016.html" },
  { kind: "matrix", site: "matrix.html" },
  { kind: "indicator", site: "indicators/cyberwellness-2015/1-2-1-cirt.html" },
  { kind: "changes list", site: "changes.html" },
  { kind: "change report", site: "countries/bel/changes-2015-2021.html" },
  { kind: "search with results", site: "search.html", query: "?q=CERT", ready: "#search-results li" },
  { kind: "404", site: "404.html" },
  { kind: "document with a wide table", site: "countries/zmb/index.html" },
  { kind: "build html", file: "build/belgium.html" },
  { kind: "diff html", file: "belgium-changes.html" },
  ...GCI_PAGES,
];

// Invented profiles (made from tests/fixtures/site/japan-2018.yaml) that
// bring the home page to 13 countries. Zambia's answer holds a table
// wider than a phone.
const MORE_COUNTRIES = [
  ["Austria", "AT", "AUT"],
  ["Chile", "CL", "CHL"],
  ["Denmark", "DK", "DNK"],
  ["Finland", "FI", "FIN"],
  ["Mali", "ML", "MLI"],
  ["Zambia", "ZM", "ZMB"],
];
const WIDE_TABLE =
  "A fictional comparison, wider than a phone:\\n\\n" +
  "| Programme | Ministry | Agency | Partner | Budget | Started | Reviewed | Status |\\n" +
  "| --- | --- | --- | --- | --- | --- | --- | --- |\\n" +
  "| Example programme (fictional) | Example ministry (fictional) | Example agency (fictional) | Example partner (fictional) | 1 000 000 | 2016 | 2017 | in place |";

let work;
let site;
let oneSite;
let browser;

function run(args, okCodes = [0]) {
  const ran = spawnSync(profilec, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.ok(okCodes.includes(ran.status), `profilec ${args.join(" ")}: exit ${ran.status}\n${ran.stderr}`);
  return ran.stdout;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "profilec-e2e-"));
  const input = path.join(work, "in");
  copyYaml(path.join(repo, "profiles"), path.join(input, "shipped"));
  copyYaml(path.join(repo, "tests", "fixtures", "site"), path.join(input, "fixtures"));
  const japan = fs.readFileSync(path.join(repo, "tests", "fixtures", "site", "japan-2018.yaml"), "utf8");
  fs.mkdirSync(path.join(input, "more"));
  for (const [name, alpha2, alpha3] of MORE_COUNTRIES) {
    let text = japan
      .replaceAll("Japan", name)
      .replace("alpha2: JP,", `alpha2: ${alpha2},`)
      .replace("alpha3: JPN}", `alpha3: ${alpha3}}`);
    if (alpha3 === "ZMB") {
      text = text.replace(
        "policy: {status: unknown, sources: [fixture]}",
        `policy: {status: partial, text: "${WIDE_TABLE}", sources: [fixture]}`,
      );
    }
    fs.writeFileSync(path.join(input, "more", `${name.toLowerCase()}-2018.yaml`), text);
  }
  site = path.join(work, "site");
  execFileSync(profilec, ["site", input, "-o", site, "--base-url", "https://example.org/profiles/"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  // A site of one country, for the wording of counts.
  const one = path.join(work, "one");
  fs.mkdirSync(one);
  fs.copyFileSync(path.join(repo, "tests", "fixtures", "site", "japan-2018.yaml"), path.join(one, "japan-2018.yaml"));
  oneSite = path.join(work, "one-site");
  run(["site", one, "-o", oneSite, "--no-pdf"]);
  // The standalone pages: a built document and a change report.
  run(["build", path.join(repo, "profiles", "belgium.yaml"), "-f", "html", "-o", path.join(work, "build")]);
  const report = run(
    ["diff", path.join(repo, "profiles", "belgium-2015.yaml"), path.join(repo, "profiles", "belgium.yaml"), "-f", "html"],
    [1],
  );
  fs.writeFileSync(path.join(work, "belgium-changes.html"), report);

  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function url(file) {
  return pathToFileURL(path.join(site, file)).href;
}

function pageUrl(kind) {
  if (kind.site) return url(kind.site) + (kind.query || "");
  return pathToFileURL(path.join(work, kind.file)).href;
}

function newContext(device) {
  return contextOf(browser, device);
}

function slug(text) {
  return text.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}

/** axe-core's WCAG 2.1 A and AA violations on the page, one line each.
 *  `preload: false`: axe would fetch the stylesheets again to read their
 *  text, which a page opened from disk may not do (and the test counts
 *  as a failed request); the one rule that needs it, css-orientation-lock,
 *  is checked on the stylesheets themselves below. */
async function axeViolations(page) {
  // `options` first: it replaces what `withTags` set.
  const results = await new AxeBuilder({ page })
    .options({ preload: false })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}, at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`,
  );
}

/** Elements marked with a status whose mark has neither a symbol nor a word. */
function colorOnlyStatuses(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[class*="status-"]'))
      .filter((el) => {
        const own = el.textContent.trim();
        const before = getComputedStyle(el, "::before").content;
        const symbol = before && before !== "none" && before !== "normal" && before !== '""';
        const inner = el.querySelector("strong");
        const innerBefore = inner ? getComputedStyle(inner, "::before").content : "none";
        return !own && !symbol && (!innerBefore || innerBefore === "none");
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** Dates the site writes in another form than `2 February 2015`, outside
 *  the profile documents it shows (which keep the ITU's `2nd February 2015`). */
function otherDates(page) {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll("article.doc:not(.changes), script").forEach((el) => el.remove());
    const text = body.textContent;
    const forms = [
      /\b\d{4}-\d{2}-\d{2}\b/g,
      /\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}\b/g,
      /\b\d{1,2}(st|nd|rd|th) (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g,
    ];
    return forms.flatMap((form) => text.match(form) || []);
  });
}

for (const device of VIEWPORTS) {
  for (const kind of PAGE_KINDS) {
    test(`${kind.kind} passes axe, fits and tells status by more than color (${device.name})`, async () => {
      const context = await newContext(device);
      const { page, problems } = await open(context);
      await page.goto(pageUrl(kind));
      if (kind.ready) await page.waitForSelector(kind.ready);
      await page.screenshot({ path: path.join(shots, `${device.name}-${slug(kind.kind)}.png`) });

      assert.deepEqual(await axeViolations(page), [], "axe-core: WCAG 2.1 AA");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= device.viewport.width, `the page is ${width} px wide in a ${device.viewport.width} px window`);
      assert.deepEqual(await colorOnlyStatuses(page), [], "a status shown by color alone");
      if (kind.site) assert.deepEqual(await otherDates(page), [], "dates written another way");
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test(`a reader browses the site from disk (${device.name})`, async () => {
    const context = await newContext(device);
    const { page, problems } = await open(context);
    const shot = (name) => page.screenshot({ path: path.join(shots, `${device.name}-journey-${name}.png`) });

    // Home, from disk: the script enhances the table (filter shown, sort buttons).
    await page.goto(url("index.html"));
    await page.waitForSelector("#country-filter", { state: "visible" });
    const all = await page.locator("#countries tbody tr").count();
    assert.ok(all >= 11, `at least 11 countries, found ${all}`);
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

    // The newest change report of the country.
    await page.locator("#changes a").first().click();
    await page.waitForURL(/countries\/ken\/changes-2018-2020\.html$/);
    assert.match(await page.locator("h1").innerText(), /Kenya: what changed between the 2018 and 2020 editions/);
    assert.ok(await page.locator("article.changes ins").count() > 0, "insertions are marked");
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
    await page.fill("#matrix-filter", "KEN");
    assert.equal(await page.locator("#matrix tbody tr:not([hidden])").count(), 1);
    await page.locator("#matrix tbody tr:not([hidden]) td.cell a").nth(2).click();
    await page.waitForURL(/countries\/ken\/index\.html#1-2-1-cirt$/);

    // An indicator page.
    await page.goto(url("indicators/cyberwellness-2015/1-2-1-cirt.html"));
    assert.ok(await page.locator("li.answer").count() >= 5);

    assert.deepEqual(problems, []);
    await context.close();
  });

  // Issue 13, item 10: with 11 countries or more, sorting by Country sorted
  // the hidden row numbers as text (10 before 2).
  test(`sorting the home table by country keeps name order (${device.name})`, async () => {
    const context = await newContext(device);
    const { page, problems } = await open(context);
    await page.goto(url("index.html"));
    const names = () => page.locator("#countries tbody th a").allInnerTexts();
    const initial = await names();
    assert.ok(initial.length >= 11, `${initial.length} countries`);
    const country = page.locator("#countries thead th button", { hasText: "Country" });
    await country.click();
    assert.deepEqual(await names(), [...initial].reverse(), "descending: the name order reversed");
    await country.click();
    assert.deepEqual(await names(), initial, "ascending again: the name order");
    assert.deepEqual(problems, []);
    await context.close();
  });

  // Issue 13, item 10: the matrix's two heading rows stuck apart (a strip
  // of cells showed between them) and its top-left corner let country
  // names through. The scroller is made short so that it scrolls both ways
  // at any width.
  test(`the matrix's headings cover what scrolls under them (${device.name})`, async () => {
    const context = await newContext(device);
    const { page, problems } = await open(context);
    await page.goto(url("matrix.html"));
    const scroller = page.locator(".matrix-scroll").first();
    await scroller.evaluate((el) => {
      el.style.maxHeight = "12rem";
      el.scrollTop = 80;
      el.scrollLeft = 150;
    });
    await scroller.scrollIntoViewIfNeeded();
    await scroller.screenshot({ path: path.join(shots, `${device.name}-matrix-scrolled.png`) });
    const found = await scroller.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const firstRow = el.querySelector("thead tr").getBoundingClientRect().height;
      const at = (x, y) => {
        const hit = document.elementFromPoint(x, y);
        return hit ? { inHead: Boolean(hit.closest("thead")), corner: Boolean(hit.closest("th.corner")) } : null;
      };
      return {
        corner: at(box.left + 4, box.top + 4),
        between: at(box.left + box.width / 2, box.top + firstRow + 1),
        scrolled: el.scrollTop > 0,
      };
    });
    assert.ok(found.scrolled, "the table scrolled");
    assert.deepEqual(found.corner, { inHead: true, corner: true }, "the corner covers the country names");
    assert.equal(found.between.inHead, true, "no cells show between the heading rows");
    assert.deepEqual(problems, []);
    await context.close();
  });

  // Issue 13, item 10: inserted words were green and underlined, like links.
  test(`insertions in change reports do not look like links (${device.name})`, async () => {
    const context = await newContext(device);
    const { page, problems } = await open(context);
    for (const address of [url("countries/bel/changes-2015-2021.html"), pageUrl({ file: "belgium-changes.html" })]) {
      await page.goto(address);
      const looks = await page.evaluate(() => {
        const style = (selector) => {
          const element = document.querySelector(selector);
          return element ? getComputedStyle(element) : null;
        };
        const ins = style("main ins");
        const link = style("main a[href]");
        return {
          insLine: ins.textDecorationLine,
          insBorder: ins.borderTopStyle,
          delLine: style("main del").textDecorationLine,
          linkLine: link ? link.textDecorationLine : "underline",
        };
      });
      assert.equal(looks.insLine, "none", `${address}: an insertion is not underlined`);
      assert.equal(looks.insBorder, "solid", `${address}: an insertion is boxed`);
      assert.equal(looks.delLine, "line-through", `${address}: a deletion is struck through`);
      assert.equal(looks.linkLine, "underline", `${address}: links, and only links, are underlined`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  // Issue 13, item 10: the change report's table scrolled (out of reach of
  // a keyboard) and clipped its "Change" column on a phone.
  test(`the change report's table shows every column (${device.name})`, async () => {
    const context = await newContext(device);
    const { page, problems } = await open(context);
    for (const address of [url("countries/bel/changes-2015-2021.html"), pageUrl({ file: "belgium-changes.html" })]) {
      await page.goto(address);
      const table = page.locator("main table").first();
      await table.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `${device.name}-change-table-${address.includes("countries") ? "site" : "diff"}.png`) });
      const fit = await table.evaluate((el) => {
        const right = Math.min(el.getBoundingClientRect().right, window.innerWidth);
        const last = Array.from(el.querySelectorAll("tr")).map((row) => row.lastElementChild.getBoundingClientRect().right);
        return { scrolls: el.scrollWidth > el.clientWidth, outside: last.filter((r) => r > right + 1).length };
      });
      assert.equal(fit.scrolls, false, `${address}: the table does not scroll`);
      assert.equal(fit.outside, 0, `${address}: every "Change" cell is on screen`);
      assert.match(await table.innerText(), /Change/);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// What axe's css-orientation-lock would look for, in the stylesheets every
// page uses (WCAG 1.3.4): no layout is kept to one orientation.
test("no stylesheet locks the orientation", () => {
  for (const file of [path.join(site, "assets", "site.css"), path.join(work, "build", "belgium.html"), path.join(work, "belgium-changes.html")]) {
    const text = fs.readFileSync(file, "utf8");
    assert.ok(text.includes("@media"), `${file} holds the styles`);
    assert.doesNotMatch(text, /orientation\s*:/, file);
  }
});

// Issue 13, item 10: "1 countries".
test("a site of one country says so in the singular", async () => {
  const context = await newContext(VIEWPORTS[0]);
  const { page, problems } = await open(context);
  await page.goto(pathToFileURL(path.join(oneSite, "index.html")).href);
  await page.waitForSelector("#country-filter", { state: "visible" });
  assert.equal(await page.locator("#country-count").innerText(), "1 country");
  assert.match(await page.locator(".lede").innerText(), /profiles of 1 country \(1 edition\)/);
  await page.goto(pathToFileURL(path.join(oneSite, "matrix.html")).href);
  assert.equal(await page.locator(".filter-count").innerText(), "1 country");
  assert.deepEqual(problems, []);
  await context.close();
});

// A document's table wider than a phone scrolls sideways, and can then be
// reached by keyboard (site.js gives it the focus).
test("a wide table in a document can be scrolled by keyboard on a phone", async () => {
  const context = await newContext(VIEWPORTS[1]);
  const { page, problems } = await open(context);
  await page.goto(url("countries/zmb/index.html"));
  const table = page.locator("article.doc table").first();
  assert.equal(await table.evaluate((el) => el.scrollWidth > el.clientWidth), true, "the table scrolls");
  assert.equal(await table.getAttribute("tabindex"), "0");
  await table.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  // Keyboard scrolling is animated: wait for it to move.
  await page.waitForFunction((el) => el.scrollLeft > 0, await table.elementHandle(), { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});
